// Settings every test process needs; the database URL comes from global-setup.
process.env.SECRETS_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.JWT_SECRET ??= 'test-jwt-secret-that-is-long-enough-0123456789';
process.env.LOG_LEVEL ??= 'silent';
// Test apps share one database: each WhatsApp Web test runs its own numbers (WhatsAppWebSupervisor.take), none looks for others'.
process.env.WHATSAPP_WEB_CONNECTORS ??= 'off';
process.env.DATABASE_URL = process.env.INBOX_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
