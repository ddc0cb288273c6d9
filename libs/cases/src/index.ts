export * from './case-types';
export * from './cases.module';
export * from './cases.service';
