export * from './foundation.module';
