import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@inbox/core';
import { Actor, Role } from '@inbox/tenancy';
import { TicketListQuery, TicketsService } from '@inbox/tickets';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { BulkUpdateTicketsDto, CreateMessageDto, TicketListQueryDto, UpdateTicketDto } from './tickets.dto';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService, private readonly listQuery: TicketListQuery) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: TicketListQueryDto) {
    return this.listQuery.list(actor, { ...query, limit: query.limit ?? 50 });
  }

  @Get('counts')
  counts(@CurrentActor() actor: Actor) {
    return this.listQuery.counts(actor);
  }

  /** Reassign or re-classify up to 200 tickets; the ones this user cannot see are reported, not changed. */
  @Roles(Role.Admin, Role.Supervisor)
  @Post('bulk')
  @HttpCode(200)
  bulk(@CurrentActor() actor: Actor, @Body() dto: BulkUpdateTicketsDto) {
    const { ticketIds, ...update } = dto;
    return this.tickets.bulkUpdate(actor, ticketIds, update);
  }

  /** One list row, for a client that heard of a ticket live. */
  @Get(':id/summary')
  async summary(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const { items } = await this.listQuery.list(actor, { ids: [id], limit: 1 });
    if (!items[0]) throw new NotFoundError('ticket');
    return items[0];
  }

  @Post(':id/read')
  @HttpCode(204)
  read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.tickets.markRead(actor, id);
  }

  @Get(':id')
  detail(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.tickets.detail(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTicketDto) {
    return this.tickets.update(actor, id, dto);
  }

  @Post(':id/messages')
  addMessage(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateMessageDto) {
    return this.tickets.addMessage(actor, id, { body: dto.body, internal: dto.internal ?? false, mentions: dto.mentions, identityId: dto.identityId });
  }
}
