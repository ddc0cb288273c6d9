import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from '@inbox/jobs';
import { EventNotice } from '@inbox/realtime';
import { SurveysService } from '@inbox/tickets';
import { ChangeFeedSubscriber, InboundArrival, inboundArrivals, WorkerChangeFeed } from './worker-change-feed';

export const SURVEYS_QUEUE = 'surveys.send';

/** Sends due surveys every minute, and takes a chat reply of 1-5 as the answer to an inline survey. */
@Injectable()
export class SurveysJob implements OnApplicationBootstrap, ChangeFeedSubscriber {
  private readonly logger = new Logger(SurveysJob.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly surveys: SurveysService,
    private readonly feed: WorkerChangeFeed,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.feed.subscribe(this);
    await this.jobs.define({ name: SURVEYS_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 300 });
    await this.jobs.schedule(SURVEYS_QUEUE, '* * * * *');
    await this.jobs.work(SURVEYS_QUEUE, 1, async () => {
      const sent = await this.surveys.sendDue();
      if (sent) this.logger.log(`surveys: ${sent} sent`);
    });
  }

  onNotices(notices: EventNotice[]): void {
    const arrivals = inboundArrivals(notices);
    if (arrivals.length === 0) return;
    void this.answerInline(arrivals).catch((error) => this.logger.warn(`inline survey answers: ${error.message}`));
  }

  async catchUp(): Promise<void> {
    // An inline answer missed while the feed was down stays an ordinary message on the ticket; nothing is lost.
  }

  private async answerInline(arrivals: InboundArrival[]): Promise<void> {
    // One query for all the messages that arrived together: those on a ticket whose inline survey waits for its
    // answer, in the order they were written, so the first reply that reads as a score answers it.
    const replies: { ticket_id: string; body: string }[] = await this.dataSource.query(
      `SELECT m.ticket_id, m.body FROM unnest($1::uuid[]) WITH ORDINALITY AS a (id, n)
       JOIN messages m ON m.id = a.id
       JOIN surveys s ON s.ticket_id = m.ticket_id AND s.mode = 'inline' AND s.status = 'sent'
       ORDER BY a.n`,
      [arrivals.map((a) => a.messageId)],
    );
    for (const reply of replies) await this.surveys.inlineReply(reply.ticket_id, reply.body);
  }
}
