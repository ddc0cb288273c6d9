import { Module } from '@nestjs/common';
import { DemoModule } from '@inbox/demo';
import { ApiModule } from '../../api/src/api.module';
import { WorkerFeaturesModule } from '../../worker/src/worker.module';

/** `npm start`: the api and the worker in one process. */
@Module({ imports: [ApiModule, WorkerFeaturesModule, DemoModule] })
export class ServerModule {}
