export * from './cloud-channel.adapter';
export * from './cloud-webhook';
export * from './cloud-webhook.service';
export * from './graph-client';
export * from './templates.service';
export * from './whatsapp.module';
export * from './parked-events';
export * from './web';
