import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { AppConfig, InvalidError } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind, InboundAttachment, InboundMessage } from '@inbox/channels/contract';
import { IngestService } from '@inbox/ingest';
import { AttachmentStorage } from '@inbox/storage';
import { Public } from '../auth/auth.decorators';
import { InboundAttachmentDto, InboundMessageDto } from './inbound.dto';

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
      attachments: await this.storeAttachments(dto.attachments ?? []),
      sentAt: dto.sentAt ? new Date(dto.sentAt) : null,
      threadHints: { replyToExternalIds: dto.replyTo, ticketReference: dto.ticketReference },
      typeHint: dto.type,
      metadata: dto.metadata,
    };
    const result = await this.ingest.ingest(message);
    return { duplicate: result.duplicate, messageId: result.messageId, ticketId: result.ticketId, ticketReference: result.ticketReference };
  }

  private async storeAttachments(attachments: InboundAttachmentDto[]): Promise<InboundAttachment[]> {
    const decoded = attachments.map((a, index) => {
      const bytes = Buffer.from(a.contentBase64, 'base64');
      if (bytes.length > this.config.ATTACHMENT_MAX_BYTES) {
        throw new InvalidError(`attachments.${index}.contentBase64`, `Attachment ${a.fileName} is larger than ${this.config.ATTACHMENT_MAX_BYTES} bytes`);
      }
      return { a, bytes };
    });
    // Checked all before storing any, so a refused message leaves no stray files.
    return Promise.all(decoded.map(async ({ a, bytes }) => ({
      storageKey: await this.storage.put(bytes, a.contentType), fileName: a.fileName, contentType: a.contentType, size: bytes.length,
    })));
  }
}
