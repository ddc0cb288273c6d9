import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppConfig, InvalidError, NotFoundError } from '@inbox/core';
import { AttachmentStorage } from '@inbox/storage';
import { WhatsAppTemplatesService } from '@inbox/channels/whatsapp';
import { Actor, Role } from '@inbox/tenancy';
import { TicketListQuery, TicketsService } from '@inbox/tickets';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { storeUploaded } from '../channels/uploaded-attachments';
import { BulkUpdateTicketsDto, CreateMessageDto, TicketListQueryDto, UpdateTicketDto } from './tickets.dto';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly listQuery: TicketListQuery,
    private readonly templates: WhatsAppTemplatesService,
    private readonly storage: AttachmentStorage,
    private readonly config: AppConfig,
  ) {}

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

  /** Whether free text may go out on the ticket's channel now; on a WhatsApp Cloud number, its approved templates too. */
  @Get(':id/reply-window')
  async replyWindow(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const window = await this.tickets.replyWindow(actor, id);
    if (window.channelKind !== 'whatsapp_cloud' || !window.channelAccountId) return { ...window, templates: [] };
    const templates = await this.templates.approved(actor.organizationId, window.channelAccountId).catch((error: Error) => ({ error: error.message }));
    return Array.isArray(templates) ? { ...window, templates } : { ...window, templates: [], templatesError: templates.error };
  }

  @Post(':id/messages')
  async addMessage(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateMessageDto) {
    let body = dto.body ?? '';
    if (dto.whatsappTemplate) {
      if (dto.identityId || dto.internal) throw new InvalidError('whatsappTemplate', "A template goes out on the ticket's own WhatsApp number only");
      const window = await this.tickets.replyWindow(actor, id);
      if (window.channelKind !== 'whatsapp_cloud' || !window.channelAccountId) throw new InvalidError('whatsappTemplate', 'Templates are sent only on WhatsApp Cloud API numbers');
      body = await this.templates.render(actor.organizationId, window.channelAccountId, dto.whatsappTemplate);
    } else if (!body.trim() && !dto.attachments?.length) {
      throw new InvalidError('body', 'Write the reply, attach a file, or choose a template');
    }
    if (dto.whatsappTemplate && dto.attachments?.length) throw new InvalidError('attachments', 'A template is sent without files');
    // Visible first, so nothing is stored for a ticket the user may not write on.
    await this.tickets.visibleTicket(actor, id);
    const attachments = await storeUploaded(this.storage, this.config.ATTACHMENT_MAX_BYTES, dto.attachments ?? []);
    return this.tickets.addMessage(actor, id, {
      body, internal: dto.internal ?? false, mentions: dto.mentions, identityId: dto.identityId, whatsappTemplate: dto.whatsappTemplate, attachments,
    });
  }
}
