import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind, InboundMessage } from '@inbox/channels/contract';
import { IngestService } from '@inbox/ingest';
import { AttachmentStorage } from '@inbox/storage';
import { Public } from '../auth/auth.decorators';
import { InboundMessageDto } from './inbound.dto';
import { storeUploaded } from './uploaded-attachments';

/** The API channel: any system without a dedicated adapter pushes messages here with the account's key. */
@ApiTags('channels')
@Controller('channels')
export class InboundController {
  constructor(
    private readonly accounts: ChannelAccountsService,
    private readonly ingest: IngestService,
    private readonly storage: AttachmentStorage,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiHeader({ name: 'authorization', description: 'Bearer <channel API key>' })
  @Post(':channelId/inbound')
  @HttpCode(202)
  async receive(@Param('channelId', ParseUUIDPipe) channelId: string, @Headers('authorization') authorization: string | undefined, @Body() dto: InboundMessageDto) {
    const key = authorization?.replace(/^Bearer\s+/i, '');
    const account = await this.accounts.authenticateApiKey(channelId, key);
    const message: InboundMessage = {
      channelKind: ChannelKind.Api,
      channelAccountId: account.id,
      externalId: dto.externalId,
      sender: { name: dto.sender.name, gender: dto.sender.gender, identities: dto.sender.identities },
      subject: dto.subject,
      text: dto.text,
      attachments: await storeUploaded(this.storage, this.config.ATTACHMENT_MAX_BYTES, dto.attachments ?? []),
      sentAt: dto.sentAt ? new Date(dto.sentAt) : null,
      threadHints: { replyToExternalIds: dto.replyTo, ticketReference: dto.ticketReference },
      typeHint: dto.type,
      metadata: dto.metadata,
    };
    const result = await this.ingest.ingest(message);
    return { duplicate: result.duplicate, messageId: result.messageId, ticketId: result.ticketId, ticketReference: result.ticketReference };
  }
}
