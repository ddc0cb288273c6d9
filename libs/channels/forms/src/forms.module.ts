import { Module } from '@nestjs/common';
import { ComplaintsModule } from '@inbox/complaints';
import { IngestModule } from '@inbox/ingest';
import { FormAccounts } from './form-accounts';
import { FormDefinitionsService } from './form-definitions.service';
import { FormSubmissionsService } from './form-submissions.service';
import { FormTrackingService } from './form-tracking.service';
import { WebFormChannelAdapter } from './web-form-channel.adapter';

const exported = [FormDefinitionsService, FormSubmissionsService, FormTrackingService];

/** Web forms: definitions, public submissions and tracking. The sweep job (FormsSweepJob) is registered by the process that runs jobs. */
@Module({ imports: [IngestModule, ComplaintsModule], providers: [...exported, FormAccounts, WebFormChannelAdapter], exports: exported })
export class FormsModule {}
