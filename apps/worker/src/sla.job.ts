import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@inbox/jobs';
import { EventNotice } from '@inbox/realtime';
import { SlaService } from '@inbox/tickets';
import { ChangeFeedSubscriber, inboundArrivals, WorkerChangeFeed } from './worker-change-feed';

export const SLA_SWEEP_QUEUE = 'sla.sweep';

/**
 * Deadlines, computed by durable jobs rather than by a page being open: a
 * sweep every minute raises approaching and breached alerts (and escalates),
 * and a customer's new message on an answered ticket starts its
 * next-response clock.
 */
@Injectable()
export class SlaJob implements OnApplicationBootstrap, ChangeFeedSubscriber {
  private readonly logger = new Logger(SlaJob.name);

  constructor(private readonly jobs: JobQueue, private readonly sla: SlaService, private readonly feed: WorkerChangeFeed) {}

  async onApplicationBootstrap(): Promise<void> {
    this.feed.subscribe(this);
    await this.jobs.define({ name: SLA_SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 300 });
    await this.jobs.schedule(SLA_SWEEP_QUEUE, '* * * * *');
    await this.jobs.work(SLA_SWEEP_QUEUE, 1, async () => {
      const raised = await this.sla.sweep();
      if (raised) this.logger.log(`deadlines: ${raised} alerts raised`);
    });
  }

  onNotices(notices: EventNotice[]): void {
    const arrivals = inboundArrivals(notices);
    if (arrivals.length === 0) return;
    this.sla.customersWrote(arrivals).catch((error) => this.logger.warn(`next-response deadlines of ${arrivals.length} messages: ${error.message}`));
  }

  async catchUp(): Promise<void> {
    // Missed customer messages only delay a next-response clock until the next one; the minute sweep covers the alerts.
  }
}
