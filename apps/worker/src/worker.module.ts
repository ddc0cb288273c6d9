import { Module } from '@nestjs/common';
import { ApiChannelModule } from '@inbox/channels/api';
import { OutboundModule } from '@inbox/outbound';
import { FoundationModule } from '@inbox/foundation';
import { OutboundSendJob } from './outbound-send.job';

/** Channel connectors and durable jobs. No HTTP: events reach sockets through the database. */
@Module({
  imports: [FoundationModule, OutboundModule, ApiChannelModule],
  providers: [OutboundSendJob],
})
export class WorkerModule {}

/** The worker's part for a process that also serves HTTP (`npm start`), without the shared foundation twice. */
@Module({ imports: [OutboundModule, ApiChannelModule], providers: [OutboundSendJob] })
export class WorkerFeaturesModule {}
