import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Message } from './message.entity';
import { OrganizationProfileCache } from './organization-profile.cache';
import { RoutingRule } from './routing-rule.entity';
import { RoutingRulesService } from './routing-rules.service';
import { TicketListQuery } from './ticket-list.query';
import { TicketReferences } from './ticket-reference';
import { Ticket } from './ticket.entity';
import { TicketsService } from './tickets.service';

const providers = [OrganizationProfileCache, RoutingRulesService, TicketListQuery, TicketReferences, TicketsService];

@Module({ imports: [TypeOrmModule.forFeature([Ticket, Message, RoutingRule])], providers, exports: providers })
export class TicketsModule {}
