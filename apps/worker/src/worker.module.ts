import { Module } from '@nestjs/common';
import { ApiChannelModule } from '@inbox/channels/api';
import { OutboundModule } from '@inbox/outbound';
import { FoundationModule } from '@inbox/foundation';
import { OutboundSendJob } from './outbound-send.job';
import { ComplaintsModule } from '@inbox/complaints';
import { ComplaintsSweepJob } from './complaints-sweep.job';

/** Channel connectors and durable jobs. No HTTP: events reach sockets through the database. */
@Module({
  imports: [FoundationModule, OutboundModule, ApiChannelModule, ComplaintsModule],
  providers: [OutboundSendJob, ComplaintsSweepJob],
})
export class WorkerModule {}

/** The worker's part for a process that also serves HTTP (`npm start`), without the shared foundation twice. */
@Module({ imports: [OutboundModule, ApiChannelModule, ComplaintsModule], providers: [OutboundSendJob, ComplaintsSweepJob] })
export class WorkerFeaturesModule {}
