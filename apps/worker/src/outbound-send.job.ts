import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@inbox/jobs';
import { OutboundService } from '@inbox/outbound';
import { OUTBOUND_QUEUE } from '@inbox/tickets';

/** Sends queued replies (the queue and its retry policy are defined by the tickets library). */
@Injectable()
export class OutboundSendJob implements OnApplicationBootstrap {
  constructor(private readonly jobs: JobQueue, private readonly outbound: OutboundService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<{ messageId: string }>(OUTBOUND_QUEUE, 4, (data, job) => this.outbound.deliver(data.messageId, job));
  }
}
