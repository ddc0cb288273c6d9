export * from './storage';
export * from './file-sniffer';
