import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@inbox/core';
import { runMigrations } from '@inbox/database';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

/** The API process alone (production: several replicas behind a load balancer). */
async function main(): Promise<void> {
  const config = AppConfig.fromEnvironment();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for the api process; `npm start` runs everything on an embedded database');
  await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(config.PORT);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
