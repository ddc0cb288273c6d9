import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BeneficiaryReviewsService } from '@inbox/cases';
import { JobQueue } from '@inbox/jobs';

export const REVIEWS_QUEUE = 'cases.reviews';

/**
 * Opens the periodic reviews of permanent beneficiaries as their dates come,
 * every quarter of an hour (a date is the organization's own, so a review
 * opens shortly after midnight where the association is). Each review opens
 * once whichever worker runs it; a run that fails is the next run's work.
 */
@Injectable()
export class ReviewsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReviewsJob.name);

  constructor(private readonly jobs: JobQueue, private readonly reviews: BeneficiaryReviewsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.define({ name: REVIEWS_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 600 });
    await this.jobs.schedule(REVIEWS_QUEUE, '*/15 * * * *');
    await this.jobs.work(REVIEWS_QUEUE, 1, async () => {
      const opened = await this.reviews.openDue();
      if (opened) this.logger.log(`reviews: ${opened} beneficiary reviews opened`);
    });
  }
}
