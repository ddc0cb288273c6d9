import { Injectable, OnModuleInit } from '@nestjs/common';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ChannelAdapter, ChannelAdapterRegistry, ChannelKind, OutboundMessage, PermanentSendError, SendResult } from '@inbox/channels/contract';
import { AttachmentStorage } from '@inbox/storage';
import { CloudAccount, DEFAULT_GRAPH_URL, DEFAULT_GRAPH_VERSION, GraphClient } from './graph-client';

/** What a reply outside the 24-hour window carries instead of free text (metadata.whatsappTemplate). */
export interface WhatsAppTemplateChoice {
  name: string;
  language: string;
  parameters: string[];
}

/** The Cloud API account of a channel account's settings and secrets; the missing parts named. */
export function cloudAccountOf(settings: Record<string, unknown>, secrets: Record<string, string>): CloudAccount {
  const phoneNumberId = typeof settings.phoneNumberId === 'string' ? settings.phoneNumberId : null;
  if (!phoneNumberId) throw new PermanentSendError('The WhatsApp number has no phoneNumberId configured');
  if (!secrets.accessToken) throw new PermanentSendError('The WhatsApp number has no access token');
  return {
    graphUrl: typeof settings.graphUrl === 'string' ? settings.graphUrl : DEFAULT_GRAPH_URL,
    version: typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION,
    phoneNumberId,
    businessAccountId: typeof settings.businessAccountId === 'string' ? settings.businessAccountId : null,
    accessToken: secrets.accessToken,
  };
}

/** The recipient's WhatsApp id: their WhatsApp identity, else their mobile number, as digits with the country code. */
export function whatsAppRecipient(identities: { kind: string; value: string }[]): string | null {
  for (const kind of ['whatsapp', 'phone']) {
    for (const identity of identities.filter((i) => i.kind === kind)) {
      const digits = identity.value.replace(/@.*$/, '').replace(/\D/g, '');
      const parsed = parsePhoneNumberFromString(`+${digits}`);
      if (parsed?.isValid()) return parsed.number.slice(1);
    }
  }
  return null;
}

const MEDIA_KIND = (contentType: string) =>
  contentType.startsWith('image/') ? 'image' : contentType.startsWith('video/') ? 'video' : contentType.startsWith('audio/') ? 'audio' : 'document';

/**
 * Replies on a Cloud API number through the Graph API messages endpoint:
 * text (quoting the message answered), each attachment uploaded and sent as
 * media, or an approved template when the reply carries one (outside the
 * 24-hour window nothing else may be sent; TicketsService refuses free text
 * there before it is queued).
 */
@Injectable()
export class WhatsAppCloudAdapter implements ChannelAdapter, OnModuleInit {
  readonly kind = ChannelKind.WhatsAppCloud;

  constructor(private readonly registry: ChannelAdapterRegistry, private readonly storage: AttachmentStorage) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const graph = new GraphClient(cloudAccountOf(message.channel.settings, message.channel.secrets));
    const to = whatsAppRecipient(message.recipient.identities);
    if (!to) throw new PermanentSendError('The contact has no WhatsApp number or mobile phone to write to');
    const quoted = message.thread.inReplyTo?.startsWith('wamid.') ? { context: { message_id: message.thread.inReplyTo } } : {};
    const template = message.metadata?.whatsappTemplate as WhatsAppTemplateChoice | undefined;
    if (template) {
      const id = await graph.send({
        to, type: 'template',
        template: {
          name: template.name, language: { code: template.language },
          components: template.parameters.length ? [{ type: 'body', parameters: template.parameters.map((value) => ({ type: 'text', text: value })) }] : [],
        },
      });
      return { externalId: id, metadata: { whatsapp: { template: template.name } } };
    }
    const ids: string[] = [];
    if (message.text.trim()) ids.push(await graph.send({ to, type: 'text', ...quoted, text: { body: message.text.slice(0, 4096), preview_url: true } }));
    for (const attachment of message.attachments) {
      const mediaId = await graph.upload(await this.storage.get(attachment.storageKey), attachment.contentType, attachment.fileName);
      const kind = MEDIA_KIND(attachment.contentType);
      ids.push(await graph.send({ to, type: kind, [kind]: { id: mediaId, ...(kind === 'document' ? { filename: attachment.fileName } : {}) } }));
    }
    if (ids.length === 0) throw new PermanentSendError('Nothing to send: the reply has no text and no files');
    // The first id is the one acks come back for; the others ride along in the metadata.
    return { externalId: ids[0], metadata: ids.length > 1 ? { whatsapp: { alsoSent: ids.slice(1) } } : {} };
  }
}
