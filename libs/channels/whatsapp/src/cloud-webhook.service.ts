import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, ForbiddenError, NotFoundError } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind, InboundAttachment, InboundMessage, WhatsAppMessageMetadata } from '@inbox/channels/contract';
import { IngestService } from '@inbox/ingest';
import { OutboundService } from '@inbox/outbound';
import { AttachmentStorage } from '@inbox/storage';
import { cloudAccountOf } from './cloud-channel.adapter';
import { CloudInbound, cloudSignatureValid, CloudStatus, readCloudWebhook } from './cloud-webhook';
import { GraphClient } from './graph-client';
import { parkWhatsAppEvent } from './parked-events';

interface CloudChannel {
  id: string;
  organizationId: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'video/mp4': 'mp4', 'video/3gpp': '3gp', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3',
  'audio/aac': 'aac', 'audio/mp4': 'm4a', 'audio/amr': 'amr', 'application/pdf': 'pdf',
};

/** The words a message stands for in the timeline, the ticket's subject and search when it has none of its own. */
export function cloudMessageText(message: CloudInbound): string | null {
  if (message.type === 'location' && message.location) {
    const { latitude, longitude, name, address } = message.location;
    return [name, address].filter(Boolean).join(' — ') || `${latitude}, ${longitude}`;
  }
  if (message.type === 'contacts' && message.contacts) return message.contacts.map((c) => `${c.name} ${c.phones.join(' ')}`.trim()).join('\n');
  if (message.type === 'reaction') return message.text ?? '';
  return message.text;
}

/** What stands for a message with no words and no stored file (ingest needs one of them); the web app shows its kind in words instead. */
export function placeholderText(type: string): string {
  return `[${type}]`;
}

/**
 * The Cloud API webhook: Meta's verification handshake, then each signed
 * POST read into messages (media fetched from the Graph API and stored within
 * the size limit) that go through ingest one by one, and delivery statuses
 * that move our messages forward. A forged signature is refused and logged,
 * nothing read; a part that cannot be read is parked with its reason and the
 * rest goes on.
 */
@Injectable()
export class WhatsAppCloudWebhookService {
  private readonly logger = new Logger(WhatsAppCloudWebhookService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: ChannelAccountsService,
    private readonly ingest: IngestService,
    private readonly outbound: OutboundService,
    private readonly storage: AttachmentStorage,
    private readonly config: AppConfig,
  ) {}

  /** GET with hub.mode=subscribe and our verify token: answers the challenge Meta sent. */
  async handshake(accountId: string, mode: string | undefined, token: string | undefined, challenge: string | undefined): Promise<string> {
    const account = await this.account(accountId);
    if (mode !== 'subscribe' || !account.secrets.verifyToken || token !== account.secrets.verifyToken || !challenge) {
      this.logger.warn(`whatsapp cloud ${accountId}: a verification request with a wrong token or mode was refused`);
      throw new ForbiddenError('The verify token does not match this WhatsApp number');
    }
    return challenge.slice(0, 200);
  }

  async receive(accountId: string, rawBody: Buffer, signature: string | undefined, body: unknown): Promise<{ messages: number; statuses: number; parked: number }> {
    const account = await this.account(accountId);
    if (!account.secrets.appSecret || !cloudSignatureValid(account.secrets.appSecret, rawBody, signature)) {
      this.logger.warn(`whatsapp cloud ${accountId}: a webhook with a ${signature ? 'wrong' : 'missing'} X-Hub-Signature-256 was refused`);
      throw new ForbiddenError('The webhook signature does not match');
    }
    const read = readCloudWebhook(body);
    const parked = [...read.parked];
    const number = account.settings.phoneNumberId;
    let messages = 0;
    let statuses = 0;
    for (const message of read.messages) {
      if (message.phoneNumberId !== number) {
        parked.push({ reason: `a message for phone number id ${message.phoneNumberId}, not this account's`, raw: message });
        continue;
      }
      try {
        await this.ingest.ingest(await this.toInbound(account, message));
        messages++;
      } catch (error) {
        this.logger.error(`whatsapp cloud ${accountId}: message ${message.id} could not be ingested: ${(error as Error).message}`);
        parked.push({ reason: `not ingested: ${(error as Error).message}`.slice(0, 1000), raw: message });
      }
    }
    for (const status of read.statuses) {
      if (await this.recordStatus(account, status)) statuses++;
    }
    for (const item of parked) {
      this.logger.warn(`whatsapp cloud ${accountId}: parked: ${item.reason}`);
      await parkWhatsAppEvent(this.dataSource, account.organizationId, account.id, item.reason, item.raw);
    }
    return { messages, statuses, parked: parked.length };
  }

  /** A status may arrive before the send job has stored the wamid it answers; a few short waits cover that race. */
  private async recordStatus(account: CloudChannel, status: CloudStatus): Promise<boolean> {
    for (let attempt = 0; attempt < 4; attempt++) {
      if (await this.outbound.recordDeliveryByExternalId(account.id, status.id, status.status, status.reason ?? undefined)) return true;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
    this.logger.warn(`whatsapp cloud ${account.id}: a ${status.status} status for unknown message ${status.id}`);
    return false;
  }

  private async toInbound(account: CloudChannel, message: CloudInbound): Promise<InboundMessage> {
    const whatsapp: WhatsAppMessageMetadata = {
      type: message.type, id: message.id, from: message.from, quotedId: message.quotedId ?? message.reactionTo,
      location: message.location, contacts: message.contacts, unsupportedType: message.unsupportedType,
    };
    const attachments: InboundAttachment[] = [];
    if (message.media) {
      const limit = Math.min(this.config.ATTACHMENT_MAX_BYTES, Number(account.settings.maxMediaBytes) || Infinity);
      try {
        const fetched = await new GraphClient(cloudAccountOf(account.settings, account.secrets)).download(message.media.id, limit);
        if ('skipped' in fetched) {
          whatsapp.mediaSkipped = { reason: fetched.skipped, mimeType: fetched.mimeType, size: fetched.size };
        } else {
          const contentType = fetched.mimeType ?? message.media.mimeType ?? 'application/octet-stream';
          const fileName = message.media.fileName ?? `${message.type}-${message.id.slice(-8).replace(/[^A-Za-z0-9]/g, '')}.${EXTENSIONS[contentType.split(';')[0]] ?? 'bin'}`;
          attachments.push({ storageKey: await this.storage.put(fetched.bytes, contentType), fileName, contentType, size: fetched.bytes.length });
        }
      } catch (error) {
        // The message still arrives, saying which file could not be fetched and why.
        whatsapp.mediaSkipped = { reason: (error as Error).message.slice(0, 500), mimeType: message.media.mimeType, size: null };
      }
    }
    const text = cloudMessageText(message);
    if (!text && attachments.length === 0) whatsapp.placeholder = true;
    return {
      channelKind: ChannelKind.WhatsAppCloud,
      channelAccountId: account.id,
      externalId: message.id,
      sender: { name: message.profileName, identities: [{ kind: 'whatsapp', value: message.from }, { kind: 'phone', value: `+${message.from}` }] },
      text: whatsapp.placeholder ? placeholderText(message.type) : text,
      attachments,
      sentAt: message.timestamp,
      threadHints: { replyToExternalIds: message.quotedId ? [message.quotedId] : message.reactionTo ? [message.reactionTo] : [] },
      metadata: { whatsapp },
    };
  }

  private async account(id: string): Promise<CloudChannel> {
    const [row] = await this.dataSource.query(
      `SELECT id, organization_id, settings FROM channel_accounts WHERE id = $1 AND kind = $2 AND enabled`, [id, ChannelKind.WhatsAppCloud],
    );
    if (!row) throw new NotFoundError('whatsapp channel account');
    return { id: row.id, organizationId: row.organization_id, settings: row.settings ?? {}, secrets: await this.accounts.secretsOf(row.id) };
  }
}
