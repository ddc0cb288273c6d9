import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@inbox/core';
import { ChangeFeedListener, EventNotice } from '@inbox/realtime';

export interface ChangeFeedSubscriber {
  onNotice(notice: EventNotice): void;
  /** The feed was interrupted: look at everything again. */
  catchUp(): Promise<void>;
}

/** The worker's one LISTEN connection on the change feed, shared by the jobs that react to changes. */
@Injectable()
export class WorkerChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscribers: ChangeFeedSubscriber[] = [];
  private listener: ChangeFeedListener | null = null;

  constructor(private readonly config: AppConfig) {}

  subscribe(subscriber: ChangeFeedSubscriber): void {
    this.subscribers.push(subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new ChangeFeedListener(this.config.DATABASE_URL!, {
      onNotice: (notice) => this.subscribers.forEach((s) => s.onNotice(notice)),
      onTruncated: () => undefined,
      onReconnected: async () => {
        for (const s of this.subscribers) await s.catchUp();
      },
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }
}
