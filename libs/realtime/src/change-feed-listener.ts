import { Logger } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { EventNotice } from './rooms';

export const EVENTS_CHANNEL = 'inbox_events';
const RECONNECT_DELAYS_MS = [250, 1_000, 2_000, 5_000];

export interface ChangeFeedHandlers {
  /** A committed event, in commit order. */
  onNotice(notice: EventNotice): void;
  /** A notice too large for NOTIFY: only its id is known; read the row. */
  onTruncated(id: string): void;
  /** The connection came back after a drop: whatever committed meanwhile was not announced. */
  onReconnected(): Promise<void>;
}

/**
 * One LISTEN connection on the change feed (the events_notify trigger), with
 * reconnect and backoff. The api's realtime relay and the worker's assigner
 * both read the feed through it.
 */
export class ChangeFeedListener {
  private readonly logger = new Logger(ChangeFeedListener.name);
  private client: Client | null = null;
  private attempts = 0;
  private stopped = false;

  constructor(private readonly databaseUrl: string, private readonly handlers: ChangeFeedHandlers) {}

  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'inbox-change-feed' });
    client.on('notification', (message) => this.onNotification(message));
    client.on('error', (error) => this.logger.warn(`change feed connection failed: ${error.message}`));
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = null;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      this.logger.warn(`cannot listen to the change feed: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return void (await client.end());
    this.client = client;
    if (this.attempts > 0) {
      this.attempts = 0;
      await this.handlers.onReconnected().catch((error) => this.logger.warn(`change feed catch-up failed: ${error.message}`));
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempts++, RECONNECT_DELAYS_MS.length - 1)];
    setTimeout(() => void this.connect(), delay).unref();
  }

  private onNotification(message: Notification): void {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    let notice: EventNotice | { id: string; truncated: true };
    try {
      notice = JSON.parse(message.payload);
    } catch {
      this.logger.warn(`unreadable change feed notice: ${message.payload.slice(0, 200)}`);
      return;
    }
    if ('truncated' in notice) this.handlers.onTruncated(notice.id);
    else this.handlers.onNotice(notice);
  }
}
