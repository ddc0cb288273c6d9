import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@inbox/jobs';
import { ReportsService } from '@inbox/tickets';

export const REPORTS_QUEUE = 'reports.refresh';

/** Every minute, recomputes the report rollup for the days whose tickets changed, and folds the backlog counts together. */
@Injectable()
export class ReportsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsJob.name);

  constructor(private readonly jobs: JobQueue, private readonly reports: ReportsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.define({ name: REPORTS_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 600 });
    await this.jobs.schedule(REPORTS_QUEUE, '* * * * *');
    await this.jobs.work(REPORTS_QUEUE, 1, async () => {
      let refreshed = 0;
      // Bounded, so one run never outlives the next minute's.
      for (let round = 0; round < 20; round++) {
        const days = await this.reports.refreshDirty();
        refreshed += days;
        if (days < 500) break;
      }
      if (refreshed) this.logger.log(`reports: ${refreshed} days recomputed`);
      await this.reports.compactBacklog();
    });
  }
}
