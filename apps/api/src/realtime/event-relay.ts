import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@inbox/core';
import { Audience, audienceFor, ChangeFeedListener, EventNotice, StreamEvent } from '@inbox/realtime';
import { ChangeFeed } from '@inbox/tickets';

type Deliver = (audience: Audience, event: StreamEvent) => void;

/**
 * Hands each committed event (NOTIFY at commit, from any process) to the
 * local sockets allowed to see it. Every api replica runs one, so an event
 * reaches every replica's sockets once. After its listening connection
 * drops, it replays what was committed meanwhile.
 */
@Injectable()
export class EventRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(EventRelay.name);
  private listener: ChangeFeedListener | null = null;
  private deliver: Deliver | null = null;
  private lastId = '0';

  constructor(private readonly config: AppConfig, private readonly feed: ChangeFeed) {}

  async start(deliver: Deliver): Promise<void> {
    this.deliver = deliver;
    this.lastId = await this.feed.latestId();
    this.listener = new ChangeFeedListener(this.config.DATABASE_URL!, {
      onNotice: (notice) => this.relay(notice),
      onTruncated: (id) => {
        this.feed.notice(id).then((full) => full && this.relay(full), (error) => this.logger.warn(`cannot read event ${id}: ${error.message}`));
      },
      onReconnected: () => this.catchUp(),
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const notices = await this.feed.after(this.lastId);
      notices.forEach((notice) => this.relay(notice));
      if (notices.length < 1000) return;
    }
  }

  private relay(notice: EventNotice): void {
    if (BigInt(notice.id) > BigInt(this.lastId)) this.lastId = notice.id;
    const event: StreamEvent = { id: notice.id, type: notice.type, ticketId: notice.ticketId, at: new Date(notice.at).toISOString(), payload: notice.payload };
    this.deliver?.(audienceFor(notice), event);
  }
}
