import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@inbox/core';
import { strictValidationPipe } from './errors/validation.pipe';
import { PostgresIoAdapter } from './realtime/postgres-io.adapter';

/** Where the built web app is; until the inbox is built, its placeholder page. */
function webRoot(): string | null {
  const candidates = [process.env.WEB_ROOT, join(process.cwd(), 'apps/web/dist'), join(process.cwd(), 'apps/web/public')];
  return candidates.map((c) => c && resolve(c)).find((c): c is string => Boolean(c && existsSync(join(c, 'index.html')))) ?? null;
}

/** Everything the HTTP side needs beyond its module, shared by `apps/api` and the all-in-one `npm start`. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  app.setGlobalPrefix('api/v1', { exclude: ['api/docs', 's/:token'] });
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new PostgresIoAdapter(app, config.DATABASE_URL!));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Inbox API')
      .setDescription('The contact-center inbox: tickets, contacts, channels and administration. Errors carry a code and the field at fault.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  const web = webRoot();
  if (web) app.useStaticAssets(web, { index: 'index.html' });
}
