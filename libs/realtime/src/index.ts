export * from './event-map';
export * from './event-log';
