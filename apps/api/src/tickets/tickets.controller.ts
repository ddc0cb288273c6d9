import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '@inbox/tenancy';
import { TicketListQuery, TicketsService } from '@inbox/tickets';
import { CurrentActor } from '../auth/auth.decorators';
import { CreateMessageDto, TicketListQueryDto, UpdateTicketDto } from './tickets.dto';

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
    return this.tickets.addMessage(actor, id, { body: dto.body, internal: dto.internal ?? false });
  }
}
