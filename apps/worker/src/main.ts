import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@inbox/core';
import { runMigrations } from '@inbox/database';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = AppConfig.fromEnvironment();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker process');
  await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
