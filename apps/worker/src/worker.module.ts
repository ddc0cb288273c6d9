import { Module } from '@nestjs/common';
import { ApiChannelModule } from '@inbox/channels/api';
import { EmailChannelModule } from '@inbox/channels/email';
import { WhatsAppModule } from '@inbox/channels/whatsapp';
import { IngestModule } from '@inbox/ingest';
import { OutboundModule } from '@inbox/outbound';
import { FoundationModule } from '@inbox/foundation';
import { EmailConnectorsSupervisor } from './email-connectors.supervisor';
import { WhatsAppWebSupervisor } from './whatsapp-web.supervisor';
import { EmailMailboxSink } from './email-mailbox.sink';
import { OutboundSendJob } from './outbound-send.job';
import { ComplaintsModule } from '@inbox/complaints';
import { TicketsModule } from '@inbox/tickets';
import { AssignmentJob } from './assignment.job';
import { SlaJob } from './sla.job';
import { SurveysJob } from './surveys.job';
import { ReportsJob } from './reports.job';
import { ReviewsJob } from './reviews.job';
import { CasesModule } from '@inbox/cases';
import { FormsModule, FormsSweepJob } from '@inbox/channels/forms';
import { WorkerChangeFeed } from './worker-change-feed';
import { ComplaintsSweepJob } from './complaints-sweep.job';

const features = {
  imports: [OutboundModule, IngestModule, ApiChannelModule, EmailChannelModule, WhatsAppModule, ComplaintsModule, TicketsModule, FormsModule, CasesModule],
  providers: [OutboundSendJob, EmailMailboxSink, EmailConnectorsSupervisor, WhatsAppWebSupervisor, ComplaintsSweepJob, WorkerChangeFeed, AssignmentJob, SlaJob, SurveysJob, ReportsJob, ReviewsJob, FormsSweepJob],
};

/** Channel connectors and durable jobs. No HTTP: events reach sockets through the database. */
@Module({ imports: [FoundationModule, ...features.imports], providers: features.providers })
export class WorkerModule {}

/** The worker's part for a process that also serves HTTP (`npm start`), without the shared foundation twice. */
@Module(features)
export class WorkerFeaturesModule {}
