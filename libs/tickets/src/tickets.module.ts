import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentService } from './assignment.service';
import { ChangeFeed } from './change-feed';
import { Message } from './message.entity';
import { OrganizationProfileCache } from './organization-profile.cache';
import { ReplyTemplate } from './reply-template.entity';
import { ReplyTemplatesService } from './reply-templates.service';
import { RoutingRule } from './routing-rule.entity';
import { ReportsService } from './reports.service';
import { SlaService } from './sla.service';
import { SurveysService } from './surveys.service';
import { SupervisionQuery } from './supervision.query';
import { RoutingRulesService } from './routing-rules.service';
import { TicketListQuery } from './ticket-list.query';
import { TicketReferences } from './ticket-reference';
import { Ticket } from './ticket.entity';
import { TicketsService } from './tickets.service';

const providers = [AssignmentService, ChangeFeed, OrganizationProfileCache, ReplyTemplatesService, ReportsService, RoutingRulesService, SlaService, SupervisionQuery, SurveysService, TicketListQuery, TicketReferences, TicketsService];

@Module({ imports: [TypeOrmModule.forFeature([Ticket, Message, RoutingRule, ReplyTemplate])], providers, exports: providers })
export class TicketsModule {}
