import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@inbox/jobs';
import { FormSubmissionsService } from './form-submissions.service';

export const FORMS_SWEEP_QUEUE = 'forms.sweep';

/** Every minute: delivers accepted submissions whose ingest failed when they arrived. */
@Injectable()
export class FormsSweepJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(FormsSweepJob.name);

  constructor(private readonly jobs: JobQueue, private readonly submissions: FormSubmissionsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.define({ name: FORMS_SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60, expireInSeconds: 300 });
    await this.jobs.schedule(FORMS_SWEEP_QUEUE, '* * * * *');
    await this.jobs.work(FORMS_SWEEP_QUEUE, 1, () => this.run());
  }

  async run(): Promise<void> {
    const delivered = await this.submissions.deliverPending();
    if (delivered) this.logger.log(`forms: ${delivered} stored submissions delivered`);
  }
}
