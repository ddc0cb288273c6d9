import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueue } from '@inbox/jobs';
import { EventMap, EventNotice } from '@inbox/realtime';
import { SurveysService } from '@inbox/tickets';
import { ChangeFeedSubscriber, WorkerChangeFeed } from './worker-change-feed';

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

  onNotice(notice: EventNotice): void {
    if (notice.type !== 'message.created' || !notice.ticketId) return;
    const payload = notice.payload as EventMap['message.created'];
    if (payload.direction !== 'inbound') return;
    void this.answerInline(notice.ticketId, payload.messageId).catch((error) => this.logger.warn(`inline survey answer on ${notice.ticketId}: ${error.message}`));
  }

  async catchUp(): Promise<void> {
    // An inline answer missed while the feed was down stays an ordinary message on the ticket; nothing is lost.
  }

  private async answerInline(ticketId: string, messageId: string): Promise<void> {
    // Cheap test first: only tickets with an inline survey waiting for its answer.
    const [waiting] = await this.dataSource.query(`SELECT 1 FROM surveys WHERE ticket_id = $1 AND mode = 'inline' AND status = 'sent'`, [ticketId]);
    if (!waiting) return;
    const [message] = await this.dataSource.query(`SELECT body FROM messages WHERE id = $1`, [messageId]);
    if (message) await this.surveys.inlineReply(ticketId, message.body);
  }
}
