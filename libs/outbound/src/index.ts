export * from './outbound.service';
export * from './outbound.module';
