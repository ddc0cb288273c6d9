export * from './channel-account.entity';
export * from './channel-accounts.service';
export * from './channel-accounts.module';
