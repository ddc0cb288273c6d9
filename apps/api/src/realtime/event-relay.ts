import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { AppConfig } from '@inbox/core';
import { Audience, audienceFor, EventNotice, StreamEvent } from '@inbox/realtime';
import { ChangeFeed } from '@inbox/tickets';

export const EVENTS_CHANNEL = 'inbox_events';
const RECONNECT_DELAYS_MS = [250, 1_000, 2_000, 5_000];

type Deliver = (audience: Audience, event: StreamEvent) => void;

/**
 * Listens to the change feed's announcements (NOTIFY at commit, from any
 * process) and hands each event to the local sockets of the rooms allowed
 * to see it. Every api replica runs one, so an event reaches every replica's
 * sockets once. When the listening connection drops it reconnects and
 * replays what was committed meanwhile.
 */
@Injectable()
export class EventRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(EventRelay.name);
  private client: Client | null = null;
  private deliver: Deliver | null = null;
  private lastId = '0';
  private attempts = 0;
  private stopped = false;

  constructor(private readonly config: AppConfig, private readonly feed: ChangeFeed) {}

  async start(deliver: Deliver): Promise<void> {
    this.deliver = deliver;
    this.lastId = await this.feed.latestId();
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
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
      await this.catchUp().catch((error) => this.logger.warn(`change feed catch-up failed: ${error.message}`));
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempts++, RECONNECT_DELAYS_MS.length - 1)];
    setTimeout(() => void this.connect(), delay).unref();
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const notices = await this.feed.after(this.lastId);
      notices.forEach((notice) => this.relay(notice));
      if (notices.length < 1000) return;
    }
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
    if ('truncated' in notice) {
      void this.feed.notice(notice.id).then((full) => full && this.relay(full), (error) => this.logger.warn(`cannot read event ${notice.id}: ${error.message}`));
      return;
    }
    this.relay(notice);
  }

  private relay(notice: EventNotice): void {
    if (BigInt(notice.id) > BigInt(this.lastId)) this.lastId = notice.id;
    const event: StreamEvent = { id: notice.id, type: notice.type, ticketId: notice.ticketId, at: new Date(notice.at).toISOString(), payload: notice.payload };
    this.deliver?.(audienceFor(notice), event);
  }
}
