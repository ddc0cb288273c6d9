export * from './field-entries.service';
export * from './field.module';
export * from './field-accounts';
