export * from './web-channel.adapter';
export * from './web-client';
export * from './web-connector';
export * from './web-message';
export * from './web-sessions';
