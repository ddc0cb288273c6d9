import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { WorkerFeaturesModule } from '../../apps/worker/src/worker.module';

@Module({ imports: [ApiModule, WorkerFeaturesModule] })
class TestServerModule {}

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

/** The product as `npm start` runs it (api and worker in one process), on the test database and a random port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  process.env.DATA_DIR = process.env.INBOX_TEST_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'inbox-app-'));
  Object.assign(process.env, env);
  const app = await NestFactory.create<NestExpressApplication>(TestServerModule, { bodyParser: false, logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/**
 * What the app logs as errors while a test runs (the HTTP layer's unexpected
 * failures, with their stacks), so a 500 in a test says why.
 */
export function serverErrors(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(function (this: Logger, message: unknown, ...rest: unknown[]) {
    messages.push([message, ...rest].map(String).join(' ').slice(0, 4000));
  });
  return { messages, restore: () => spy.mockRestore() };
}
