export * from './letter-dates';
export * from './letter-template';
export * from './letter-html';
export * from './letter-register';
export * from './letter-pdf.renderer';
export * from './letter-settings.service';
export * from './letters.service';
export * from './letters.module';
