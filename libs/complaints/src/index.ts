export * from './notice';
export * from './complaint-cases.service';
export * from './notice-templates.service';
export * from './complaints.module';
