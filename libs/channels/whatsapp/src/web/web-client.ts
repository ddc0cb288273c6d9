import { Injectable } from '@nestjs/common';
import { WebMedia, WebMessage } from './web-message';

/** The whatsapp-web.js `Chat` parts the connector reads when catching up. */
export interface WebChat {
  id: { _serialized: string };
  isGroup: boolean;
  unreadCount: number;
  fetchMessages(options: { limit: number }): Promise<WebMessage[]>;
}

/**
 * The whatsapp-web.js `Client` as the connector uses it: its lifecycle, its
 * events (`qr`, `code`, `authenticated`, `auth_failure`, `ready`, `message`,
 * `message_ack`, `message_edit`, `message_revoke_everyone`, `disconnected`,
 * `change_state`), sending and the chats.
 */
export interface WebClient {
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, content: string | unknown, options?: { quotedMessageId?: string; caption?: string; sendMediaAsDocument?: boolean }): Promise<WebMessage>;
  getChats(): Promise<WebChat[]>;
  info?: { wid?: { user?: string } };
}

export interface WebClientOptions {
  /** RemoteAuth's session name and where it unpacks the browser profile. */
  clientId: string;
  dataPath: string;
  store: unknown;
  /** Pair by a code typed on the phone instead of the QR code. */
  pairWithPhoneNumber?: string | null;
  /** How often RemoteAuth saves the session (at least a minute). */
  backupSyncIntervalMs: number;
}

/** Debian's chromium, as the tests and the Docker image install it; CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';


/**
 * Makes the whatsapp-web.js clients, on the system's chromium (puppeteer's
 * own download is skipped, see .puppeteerrc.cjs). Tests provide another
 * factory whose clients stand in for WhatsApp's servers.
 */
@Injectable()
export class WhatsAppWebClientFactory {
  create(options: WebClientOptions): WebClient {
    // Loaded here, not at the top: the api process never starts a WhatsApp Web client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client, RemoteAuth } = require('whatsapp-web.js');
    // WHATSAPP_WEB_PROXY: the proxy the clients reach WhatsApp through, where the network allows no direct way out (`http://host:port`).
    const proxy = process.env.WHATSAPP_WEB_PROXY?.trim() || null;
    return new Client({
      authStrategy: new RemoteAuth({ clientId: options.clientId, dataPath: options.dataPath, store: options.store, backupSyncIntervalMs: options.backupSyncIntervalMs }),
      puppeteer: {
        executablePath: CHROMIUM_PATH, headless: true,
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update',
          ...(proxy ? [`--proxy-server=${proxy}`] : []),
        ],
      },
      ...(options.pairWithPhoneNumber ? { pairWithPhoneNumber: { phoneNumber: options.pairWithPhoneNumber, showNotification: true } } : {}),
      takeoverOnConflict: false,
    }) as WebClient;
  }

  /** A file to send, as the library wants it (its MessageMedia class). */
  media(file: WebMedia): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MessageMedia } = require('whatsapp-web.js');
    return new MessageMedia(file.mimetype, file.data, file.filename ?? null, file.filesize ?? null);
  }
}
