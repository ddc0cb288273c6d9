import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ComplaintCasesService } from '@inbox/complaints';
import { JobQueue } from '@inbox/jobs';

export const COMPLAINTS_SWEEP_QUEUE = 'complaints.sweep';

/** Every minute: acknowledge new complaints to their complainants, and erase closed ones past their retention. */
@Injectable()
export class ComplaintsSweepJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplaintsSweepJob.name);

  constructor(private readonly jobs: JobQueue, private readonly cases: ComplaintCasesService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.define({ name: COMPLAINTS_SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 300 });
    await this.jobs.schedule(COMPLAINTS_SWEEP_QUEUE, '* * * * *');
    await this.jobs.work(COMPLAINTS_SWEEP_QUEUE, 1, () => this.run());
  }

  async run(): Promise<void> {
    const acknowledged = await this.cases.acknowledgePending();
    const erased = await this.cases.eraseExpired();
    if (acknowledged || erased) this.logger.log(`complaints: ${acknowledged} acknowledged, ${erased} erased after retention`);
  }
}
