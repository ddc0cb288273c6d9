export * from './api-channel.adapter';
export * from './api-channel.module';
