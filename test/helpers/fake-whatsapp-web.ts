import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { WebChat, WebClient, WebClientOptions, WebMedia, WebMessage, WhatsAppWebClientFactory } from '@inbox/channels/whatsapp';

/**
 * Stands in for WhatsApp's servers at the outermost boundary: a client with
 * whatsapp-web.js's own events and objects shaped like its `Message`
 * (id._serialized, from, body, type, timestamp, hasMedia, downloadMedia(), …),
 * driven by the test. Everything behind it (the connector, ingest, the
 * outbound job) is the product's own code.
 */
export class FakeWebClient extends EventEmitter implements WebClient {
  sent: { chatId: string; content: unknown; options: Record<string, unknown>; at: number; id: string }[] = [];
  chats: WebChat[] = [];
  initialized = false;
  destroyed = false;
  info = { wid: { user: '966112345678' } };

  constructor(readonly options: WebClientOptions) {
    super();
  }

  async initialize(): Promise<void> {
    this.initialized = true;
    setImmediate(() => this.emit('qr', `2@${randomBytes(24).toString('base64')},${randomBytes(16).toString('base64')},1`));
  }

  /** The admin scanned the code with the association's phone. */
  pair(): void {
    this.emit('authenticated');
    this.emit('ready');
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async sendMessage(chatId: string, content: unknown, options: Record<string, unknown> = {}): Promise<WebMessage> {
    const message = webMessage({ from: `${this.info.wid.user}@c.us`, to: chatId, fromMe: true, body: typeof content === 'string' ? content : String(options.caption ?? '') });
    this.sent.push({ chatId, content, options, at: Date.now(), id: message.id._serialized });
    return message;
  }

  async getChats(): Promise<WebChat[]> {
    return this.chats;
  }
}

export class FakeWebClientFactory extends WhatsAppWebClientFactory {
  readonly clients: FakeWebClient[] = [];

  override create(options: WebClientOptions): WebClient {
    const client = new FakeWebClient(options);
    this.clients.push(client);
    return client;
  }

  override media(file: WebMedia): unknown {
    return { ...file, fake: 'MessageMedia' };
  }

  get latest(): FakeWebClient {
    return this.clients[this.clients.length - 1]!;
  }
}

let counter = 0;

/** A whatsapp-web.js Message as the library builds it from WhatsApp Web's model. */
export function webMessage(fields: Partial<WebMessage> & { from: string; media?: WebMedia | null }): WebMessage {
  const fromMe = fields.fromMe ?? false;
  const remote = fromMe ? fields.to ?? '' : fields.from;
  const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}${++counter}`;
  const { media, ...rest } = fields;
  return {
    id: { fromMe, remote, id, _serialized: `${fromMe}_${remote}_${id}` },
    to: '966112345678@c.us', body: '', type: 'chat', timestamp: Math.floor(Date.now() / 1000), hasMedia: Boolean(media), hasQuotedMsg: false,
    isStatus: false, fromMe, ack: fromMe ? 0 : undefined, location: null, vCards: [], _data: { notifyName: 'أم سعد' },
    downloadMedia: async () => media ?? undefined,
    ...rest,
  };
}
