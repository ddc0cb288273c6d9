import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@inbox/audit';
import { AppConfig, CoreModule } from '@inbox/core';
import { DatabaseModule } from '@inbox/database';
import { ChannelAccountsModule } from '@inbox/channels/accounts';
import { ChannelRegistryModule } from '@inbox/channels/contract';
import { JobsModule } from '@inbox/jobs';
import { StorageModule } from '@inbox/storage';
import { TenancyModule } from '@inbox/tenancy';

/** What every process needs once: configuration, logging, database, tenancy, jobs, storage, channel accounts. All global. */
@Module({
  imports: [
    CoreModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          // Request lines are logged at info; below that level they would be built and thrown away on every request.
          autoLogging: ['info', 'debug', 'trace'].includes(config.LOG_LEVEL)
            ? { ignore: (req: { url?: string }) => req.url === '/api/v1/health' }
            : false,
        },
      }),
    }),
    DatabaseModule,
    AuditModule,
    TenancyModule,
    JobsModule,
    StorageModule,
    ChannelRegistryModule,
    ChannelAccountsModule,
  ],
})
export class FoundationModule {}
