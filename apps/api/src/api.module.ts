import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '@inbox/auth';
import { AppConfig } from '@inbox/core';
import { FoundationModule } from '@inbox/foundation';
import { ContactsModule } from '@inbox/contacts';
import { IngestModule } from '@inbox/ingest';
import { TicketsModule } from '@inbox/tickets';
import { ComplaintsModule } from '@inbox/complaints';
import { ShelfModule } from '@inbox/shelf';
import { WhatsAppModule } from '@inbox/channels/whatsapp';
import { CasesModule } from '@inbox/cases';
import { adminControllers } from './admin/admin.controllers';
import { AuthController } from './auth/auth.controller';
import { SlaAdminController } from './admin/sla.controllers';
import { ReportsController, SatisfactionReportsController } from './reports/reports.controller';
import { SurveyPagesController } from './surveys/survey-pages.controller';
import { AuthGuard } from './auth/auth.guard';
import { InboundController } from './channels/inbound.controller';
import { ContactsController } from './contacts/contacts.controller';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { HealthController } from './health/health.controller';
import { EventRelay } from './realtime/event-relay';
import { RealtimeGateway } from './realtime/realtime.gateway';
import { TicketsController } from './tickets/tickets.controller';
import { ComplaintsController, ComplaintTrackingController, NoticeTemplatesAdminController } from './complaints/complaints.controllers';
import { AgentStatusController, SupervisionController, TeamAssignmentController, WorkspaceController } from './workspace/workspace.controllers';
import { PublicModule } from './public/public.module';
import { ShelfController } from './shelf/shelf.controller';
import { WhatsAppWebhookController } from './channels/whatsapp-webhook.controller';
import { CaseListController, CasesController } from './cases/cases.controller';
import { CaseTypesAdminController, ContactFileController } from './cases/case-admin.controller';
import { ChannelDesksModule } from './channels/channel-desks.module';

@Module({
  imports: [
    FoundationModule,
    AuthModule,
    ContactsModule,
    TicketsModule,
    IngestModule,
    ComplaintsModule,
    ShelfModule,
    WhatsAppModule,
    CasesModule,
    PublicModule, ChannelDesksModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ name: 'login', ttl: 60_000, limit: config.LOGIN_ATTEMPTS_PER_MINUTE }],
    }),
  ],
  controllers: [AuthController, TicketsController, ComplaintsController, ComplaintTrackingController, NoticeTemplatesAdminController, WorkspaceController, SupervisionController, AgentStatusController, TeamAssignmentController, ContactsController, InboundController, HealthController, SlaAdminController, SatisfactionReportsController, ReportsController, SurveyPagesController, ShelfController, WhatsAppWebhookController, CasesController, CaseListController, CaseTypesAdminController, ContactFileController, ...adminControllers],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: DomainExceptionFilter },
    EventRelay,
    RealtimeGateway,
  ],
})
export class ApiModule {}
