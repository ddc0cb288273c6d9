export * from './inbound-message';
export * from './outbound-message';
export * from './channel-adapter';
export * from './channel-adapter.registry';
export * from './whatsapp-metadata';
