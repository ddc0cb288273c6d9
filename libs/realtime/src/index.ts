export * from './event-map';
export * from './event-log';
export * from './socket-protocol';
export * from './rooms';
export * from './change-feed-listener';
