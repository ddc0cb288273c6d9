export * from './contact.entity';
export * from './contact-identity.entity';
export * from './identity-normalizer';
export * from './contact-resolver';
export * from './contacts.service';
export * from './contacts.module';
