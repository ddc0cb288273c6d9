import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { ChannelKind, InboundAttachment, InboundMessage, OutboundMessage, PermanentSendError, WhatsAppMessageMetadata } from '@inbox/channels/contract';
import { AttachmentStorage } from '@inbox/storage';
import { whatsAppRecipient } from '../cloud-channel.adapter';
import { placeholderText } from '../cloud-webhook.service';
import { WebClient, WhatsAppWebClientFactory } from './web-client';
import { ackStatus, isPersonalChat, WebMessage, webFacts } from './web-message';
import { WebState, WhatsAppWebSessions } from './web-sessions';

export interface WebAccount {
  id: string;
  organizationId: string;
  name: string;
  settings: Record<string, unknown>;
}

export interface WebConnectorDeps {
  clients: WhatsAppWebClientFactory;
  sessions: WhatsAppWebSessions;
  storage: AttachmentStorage;
  ingest(message: InboundMessage): Promise<unknown>;
  recordDelivery(channelAccountId: string, externalId: string, status: 'sent' | 'delivered' | 'read' | 'failed', reason?: string): Promise<boolean>;
  park(channelAccountId: string, organizationId: string, reason: string, payload: unknown): Promise<void>;
  /** The installation's attachment limit; the account may set a lower one (settings.maxMediaBytes). */
  attachmentLimit: number;
  dataDir: string;
}

/** Reconnection waits: 5 s, 15 s, 45 s, … at most five minutes. */
const RETRY_MS = (attempt: number) => Math.min(5_000 * 3 ** attempt, 5 * 60_000);
const DEFAULT_SEND_INTERVAL_MS = 2_000;
const CATCH_UP_PER_CHAT = 50;

/**
 * One paired number on whatsapp-web.js, run by the worker that owns the
 * account. Starts the client on the system's chromium with the session kept
 * in PostgreSQL; streams the pairing QR code (or phone pairing code) to the
 * admins; turns every message of a person's chat into an InboundMessage
 * (media downloaded within the limit, quoted replies, locations, contact
 * cards, edits and deletions as entries of their own, never dropped); maps
 * acks to delivery statuses; catches up on unread chats when it connects;
 * reconnects by itself; and sends replies one at a time at the account's pace
 * so a burst does not look like spam.
 */
export class WhatsAppWebConnector {
  private readonly logger: Logger;
  private client: WebClient | null = null;
  private stopped = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private state: WebState = 'starting';
  private sending: Promise<unknown> = Promise.resolve();
  /** The client's events, handled one after the other in the order they came (a state never overtakes the next). */
  private events: Promise<void> = Promise.resolve();
  private lastSentAt = 0;

  constructor(private readonly account: WebAccount, private readonly deps: WebConnectorDeps) {
    this.logger = new Logger(`WhatsAppWeb ${account.name}`);
  }

  get status(): WebState {
    return this.state;
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.sending.catch(() => undefined);
    await this.events;
    const client = this.client;
    this.client = null;
    client?.removeAllListeners();
    await client?.destroy().catch((error: Error) => this.logger.warn(`closing the client: ${error.message}`));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    await this.setState('starting');
    const dataPath = `${this.deps.dataDir}/whatsapp-web`;
    mkdirSync(dataPath, { recursive: true });
    const pairing = typeof this.account.settings.pairingPhone === 'string' ? this.account.settings.pairingPhone.replace(/\D/g, '') : null;
    let client: WebClient;
    try {
      client = this.deps.clients.create({
        clientId: this.account.id.replace(/-/g, ''), dataPath, store: this.deps.sessions.remoteStore(this.account.id, dataPath),
        pairWithPhoneNumber: pairing, backupSyncIntervalMs: 5 * 60_000,
      });
    } catch (error) {
      return this.failed(`the WhatsApp client could not be created: ${(error as Error).message}`);
    }
    this.client = client;
    this.listen(client);
    try {
      await client.initialize();
    } catch (error) {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners();
      await client.destroy().catch(() => undefined);
      return this.failed(`cannot reach WhatsApp: ${(error as Error).message.split('\n')[0].slice(0, 300)}`);
    }
  }

  private async failed(detail: string): Promise<void> {
    this.logger.warn(detail);
    await this.setState('unreachable', detail);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    const wait = RETRY_MS(this.attempt++);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, wait);
    this.retry.unref?.();
  }

  private listen(client: WebClient): void {
    const guard = (name: string, handler: (...args: any[]) => Promise<void>) => client.on(name, (...args: unknown[]) => {
      // One bad event never stops the connector: it is logged (and the message parked) and the next one is handled.
      this.events = this.events.then(() => handler(...args)).catch((error: Error) => this.logger.error(`${name}: ${error.message}`));
    });
    guard('qr', (qr: string) => this.setState('pairing', null, { qr }));
    guard('code', (code: string) => this.setState('pairing', null, { pairingCode: code }));
    guard('authenticated', () => this.setState('starting', 'authenticated'));
    guard('auth_failure', (message: string) => this.setState('logged_out', String(message ?? 'authentication failed')));
    guard('ready', async () => {
      this.attempt = 0;
      await this.setState('connected', null, { phone: client.info?.wid?.user ?? null });
      await this.catchUp(client);
    });
    guard('message', (message: WebMessage) => this.receive(message));
    guard('message_ack', async (message: WebMessage, ack: number) => {
      const status = ackStatus(ack);
      if (!status || !message.id.fromMe) return;
      await this.deps.recordDelivery(this.account.id, message.id._serialized, status, status === 'failed' ? 'WhatsApp could not deliver the message' : undefined);
    });
    guard('message_edit', (message: WebMessage, newBody: string, previousBody: string) => this.receiveEdit(message, String(newBody ?? ''), String(previousBody ?? '')));
    guard('message_revoke_everyone', (after: WebMessage, before?: WebMessage | null) => this.receiveRevoke(after, before ?? null));
    guard('change_state', async (state: string) => {
      if (state === 'CONFLICT') await this.setState('disconnected', 'WhatsApp is open on another computer for this number');
      if (state === 'UNPAIRED' || state === 'UNPAIRED_IDLE') await this.setState('logged_out', 'the phone unlinked this device');
    });
    guard('disconnected', async (reason: string) => {
      const loggedOut = String(reason).toUpperCase() === 'LOGOUT' || String(reason).toUpperCase() === 'UNPAIRED';
      await this.setState(loggedOut ? 'logged_out' : 'disconnected', String(reason ?? 'disconnected'));
      if (this.client === client) {
        this.client = null;
        client.removeAllListeners();
        await client.destroy().catch(() => undefined);
      }
      // Logged out: the next start asks for a new QR code; otherwise the saved session reconnects.
      this.scheduleReconnect();
    });
  }

  private async setState(state: WebState, detail: string | null = null, pairing: { qr?: string; pairingCode?: string; phone?: string | null } = {}): Promise<void> {
    this.state = state;
    if (this.stopped && state !== 'disconnected') return;
    await this.deps.sessions.setState(this.account, state, detail, pairing);
  }

  /** Messages that came while no worker was connected: the unread ones of each person's chat, ingested once (their ids dedupe). */
  private async catchUp(client: WebClient): Promise<void> {
    const chats = await client.getChats();
    for (const chat of chats) {
      if (chat.isGroup && !this.account.settings.allowGroups) continue;
      if (chat.unreadCount <= 0) continue;
      const messages = await chat.fetchMessages({ limit: Math.min(chat.unreadCount, CATCH_UP_PER_CHAT) });
      for (const message of messages) await this.receive(message);
    }
  }

  private accepts(message: WebMessage): boolean {
    return !message.fromMe && !message.id.fromMe && isPersonalChat(message, this.account.settings.allowGroups === true);
  }

  private async receive(message: WebMessage): Promise<void> {
    if (!this.accepts(message)) return;
    const facts = webFacts(message);
    const whatsapp: WhatsAppMessageMetadata = {
      type: facts.type, id: message.id._serialized, from: message.from, location: facts.location, contacts: facts.contacts, unsupportedType: facts.unsupportedType,
    };
    if (message.hasQuotedMsg) {
      const quoted = message._data?.quotedStanzaID ?? (await message.getQuotedMessage?.().catch(() => undefined))?.id._serialized;
      if (quoted) whatsapp.quotedId = quoted;
    }
    const attachments = message.hasMedia ? await this.download(message, whatsapp) : [];
    await this.ingest(message, facts.text, attachments, whatsapp);
  }

  private async receiveEdit(message: WebMessage, newBody: string, previousBody: string): Promise<void> {
    if (!this.accepts(message)) return;
    const id = message.id._serialized;
    const version = createHash('sha256').update(newBody).digest('hex').slice(0, 16);
    await this.ingest(message, newBody.trim() ? newBody : null, [], { type: 'edit', id, from: message.from, editOf: id, quotedId: id }, `${id}:edit:${version}`, previousBody);
  }

  private async receiveRevoke(after: WebMessage, before: WebMessage | null): Promise<void> {
    if (!this.accepts(after)) return;
    const id = before?.id._serialized ?? after.id._serialized;
    await this.ingest(after, before?.body?.trim() ? before.body : null, [], { type: 'revoke', id, from: after.from, revokedId: id, quotedId: id }, `${id}:revoked`);
  }

  private async download(message: WebMessage, whatsapp: WhatsAppMessageMetadata): Promise<InboundAttachment[]> {
    const limit = Math.min(this.deps.attachmentLimit, Number(this.account.settings.maxMediaBytes) || Infinity);
    try {
      const media = await message.downloadMedia();
      if (!media) {
        whatsapp.mediaSkipped = { reason: 'the file is no longer on the phone or WhatsApp', mimeType: null, size: null };
        return [];
      }
      const size = media.filesize ?? Math.floor((media.data.length * 3) / 4);
      if (size > limit) {
        whatsapp.mediaSkipped = { reason: `larger than ${limit} bytes`, mimeType: media.mimetype, size };
        return [];
      }
      const bytes = Buffer.from(media.data, 'base64');
      const fileName = media.filename || `${whatsapp.type}-${message.id.id.slice(-8)}.${media.mimetype.split('/')[1]?.split(';')[0] ?? 'bin'}`;
      return [{ storageKey: await this.deps.storage.put(bytes, media.mimetype), fileName, contentType: media.mimetype, size: bytes.length }];
    } catch (error) {
      whatsapp.mediaSkipped = { reason: (error as Error).message.slice(0, 500), mimeType: null, size: null };
      return [];
    }
  }

  private async ingest(
    message: WebMessage, text: string | null, attachments: InboundAttachment[], whatsapp: WhatsAppMessageMetadata, externalId = message.id._serialized, previousText?: string,
  ): Promise<void> {
    if (!text && attachments.length === 0) whatsapp.placeholder = true;
    const inbound: InboundMessage = {
      channelKind: ChannelKind.WhatsAppWeb,
      channelAccountId: this.account.id,
      externalId,
      sender: { name: typeof message._data?.notifyName === 'string' ? message._data.notifyName.slice(0, 200) : null, identities: [{ kind: 'whatsapp', value: message.from }] },
      text: whatsapp.placeholder ? placeholderText(whatsapp.type) : text,
      attachments,
      sentAt: message.timestamp ? new Date(message.timestamp * 1000) : null,
      threadHints: { replyToExternalIds: whatsapp.quotedId ? [whatsapp.quotedId] : [] },
      metadata: { whatsapp, ...(previousText !== undefined ? { previousText } : {}) },
    };
    try {
      await this.deps.ingest(inbound);
    } catch (error) {
      this.logger.error(`message ${externalId} could not be ingested: ${(error as Error).message}`);
      await this.deps.park(this.account.id, this.account.organizationId, `not ingested: ${(error as Error).message}`.slice(0, 1000), { id: externalId, from: message.from, type: message.type, body: message.body?.slice(0, 2000) });
    }
  }

  /**
   * Sends a reply through the paired phone, one at a time per number with
   * at least the account's interval (settings.sendIntervalMs, 2 s by default,
   * plus up to a second at random) between two sends.
   */
  send(message: OutboundMessage): Promise<string> {
    const run = this.sending.catch(() => undefined).then(async () => {
      const interval = Number(this.account.settings.sendIntervalMs ?? DEFAULT_SEND_INTERVAL_MS);
      const wait = this.lastSentAt + interval + Math.random() * Math.min(1000, interval) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await this.sendNow(message);
      } finally {
        this.lastSentAt = Date.now();
      }
    });
    this.sending = run;
    return run;
  }

  private async sendNow(message: OutboundMessage): Promise<string> {
    const client = this.client;
    if (!client || this.state !== 'connected') throw new Error(`The WhatsApp number ${this.account.name} is not connected (${this.state})`);
    const to = whatsAppRecipient(message.recipient.identities);
    if (!to) throw new PermanentSendError('The contact has no WhatsApp number or mobile phone to write to');
    const chatId = `${to}@c.us`;
    const quoted = message.thread.inReplyTo && /@(c|g)\.us_/.test(message.thread.inReplyTo) ? { quotedMessageId: message.thread.inReplyTo } : {};
    const ids: string[] = [];
    const text = message.text.trim();
    if (message.attachments.length === 0) {
      if (!text) throw new PermanentSendError('Nothing to send: the reply has no text and no files');
      ids.push((await client.sendMessage(chatId, message.text, quoted)).id._serialized);
    }
    for (const [index, attachment] of message.attachments.entries()) {
      const bytes = await this.deps.storage.get(attachment.storageKey);
      const media = this.deps.clients.media({ mimetype: attachment.contentType, data: bytes.toString('base64'), filename: attachment.fileName, filesize: bytes.length });
      const caption = index === 0 && text ? { caption: message.text } : {};
      ids.push((await client.sendMessage(chatId, media, { ...quoted, ...caption, sendMediaAsDocument: !/^(image|video|audio)\//.test(attachment.contentType) })).id._serialized);
    }
    return ids[0];
  }
}
