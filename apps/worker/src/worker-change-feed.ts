import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@inbox/core';
import { ChangeFeedListener, EventMap, EventNotice } from '@inbox/realtime';

export interface ChangeFeedSubscriber {
  /** The notices that arrived together (one read of the LISTEN connection), in commit order. */
  onNotices(notices: EventNotice[]): void;
  /** The feed was interrupted: look at everything again. */
  catchUp(): Promise<void>;
}

export interface InboundArrival {
  ticketId: string;
  messageId: string;
  at: Date;
}

/** The customers' messages among the notices, in the order they were committed. */
export function inboundArrivals(notices: EventNotice[]): InboundArrival[] {
  return notices.flatMap((notice) => {
    if (notice.type !== 'message.created' || !notice.ticketId) return [];
    const payload = notice.payload as EventMap['message.created'];
    return payload.direction === 'inbound' ? [{ ticketId: notice.ticketId, messageId: payload.messageId, at: new Date(notice.at) }] : [];
  });
}

/**
 * The worker's one LISTEN connection on the change feed, shared by the jobs
 * that react to changes. Notices that arrive in the same turn of the event
 * loop (a batch of ingested messages commits at once) are handed on
 * together, so a job can look them up in one query rather than one each.
 */
@Injectable()
export class WorkerChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscribers: ChangeFeedSubscriber[] = [];
  private listener: ChangeFeedListener | null = null;
  private arrived: EventNotice[] = [];

  constructor(private readonly config: AppConfig) {}

  subscribe(subscriber: ChangeFeedSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new ChangeFeedListener(this.config.DATABASE_URL!, {
      onNotice: (notice) => {
        if (this.arrived.push(notice) === 1) setImmediate(() => this.deliver());
      },
      onTruncated: () => undefined,
      onReconnected: async () => {
        for (const s of this.subscribers) await s.catchUp();
      },
    });
    await this.listener.start();
  }

  private deliver(): void {
    const notices = this.arrived;
    this.arrived = [];
    this.subscribers.forEach((s) => s.onNotices(notices));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }
}
