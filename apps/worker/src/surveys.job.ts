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
    // Cheap test first, one for all the messages that arrived together: only tickets with an inline survey waiting for its answer.
    const waiting: { ticket_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ticket_id FROM surveys WHERE ticket_id = ANY($1::uuid[]) AND mode = 'inline' AND status = 'sent'`,
      [[...new Set(arrivals.map((a) => a.ticketId))]],
    );
    const tickets = new Set(waiting.map((w) => w.ticket_id));
    // In the order they were written: the first reply that reads as a score answers the survey.
    for (const arrival of arrivals.filter((a) => tickets.has(a.ticketId))) {
      const [message] = await this.dataSource.query(`SELECT body FROM messages WHERE id = $1`, [arrival.messageId]);
      if (message) await this.surveys.inlineReply(arrival.ticketId, message.body);
    }
  }
}
