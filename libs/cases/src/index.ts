export * from './beneficiary-reviews.service';
export * from './case-types';
export * from './case-types.service';
export * from './case-visits.service';
export * from './cases.module';
export * from './cases.service';
export * from './contact-file.service';
