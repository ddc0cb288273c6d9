export * from './field-entries.service';
export * from './field.module';
