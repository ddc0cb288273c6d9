export * from './form-definition';
export * from './default-forms';
export * from './submission-validator';
export * from './form-definitions.service';
export * from './form-submissions.service';
export * from './form-tracking.service';
export * from './forms-sweep.job';
export * from './forms.module';
