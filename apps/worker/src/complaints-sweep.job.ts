import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ComplaintCasesService } from '@inbox/complaints';
import { JobQueue } from '@inbox/jobs';

export const COMPLAINTS_SWEEP_QUEUE = 'complaints.sweep';
export const COMPLAINTS_ERASE_QUEUE = 'complaints.erase';
/** Complaints erased per query; at most 50 queries a run, so one run never outlives the next hour's. */
const ERASE_BATCH = 100;

/**
 * Every minute, acknowledge new complaints to their complainants; every hour, erase closed ones past their
 * retention. Retention is counted in days, and finding the expired ones reads every closed complaint (about
 * 0.8 s with 80,000 complaints), which is too much to pay each minute.
 */
@Injectable()
export class ComplaintsSweepJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ComplaintsSweepJob.name);

  constructor(private readonly jobs: JobQueue, private readonly cases: ComplaintCasesService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.define({ name: COMPLAINTS_SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 300 });
    await this.jobs.schedule(COMPLAINTS_SWEEP_QUEUE, '* * * * *');
    await this.jobs.work(COMPLAINTS_SWEEP_QUEUE, 1, () => this.acknowledge());
    await this.jobs.define({ name: COMPLAINTS_ERASE_QUEUE, retryLimit: 0, retryDelaySeconds: 300, expireInSeconds: 1800 });
    await this.jobs.schedule(COMPLAINTS_ERASE_QUEUE, '7 * * * *');
    await this.jobs.work(COMPLAINTS_ERASE_QUEUE, 1, () => this.erase());
  }

  async acknowledge(): Promise<void> {
    const acknowledged = await this.cases.acknowledgePending();
    if (acknowledged) this.logger.log(`complaints: ${acknowledged} acknowledged`);
  }

  async erase(): Promise<void> {
    let erased = 0;
    for (let round = 0; round < 50; round++) {
      const found = await this.cases.eraseExpired(ERASE_BATCH);
      erased += found;
      if (found < ERASE_BATCH) break;
    }
    if (erased) this.logger.log(`complaints: ${erased} erased after retention`);
  }
}
