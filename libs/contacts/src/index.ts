export * from './contact.entity';
export * from './contact-identity.entity';
export * from './identity-normalizer';
export * from './contacts.service';
export * from './contacts.module';
