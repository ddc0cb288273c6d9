import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { Clock } from './clock';

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => AppConfig.fromEnvironment() }, Clock],
  exports: [AppConfig, Clock],
})
export class CoreModule {}
