import { Module } from '@nestjs/common';
import { FieldModule } from '@inbox/channels/field';
import { IngestModule } from '@inbox/ingest';
import { TicketsModule } from '@inbox/tickets';
import { BeneficiaryReviewsService } from './beneficiary-reviews.service';
import { CaseTypesService } from './case-types.service';
import { CaseVisitsService } from './case-visits.service';
import { CasesService } from './cases.service';
import { ContactFileService } from './contact-file.service';

const SERVICES = [CasesService, CaseTypesService, CaseVisitsService, BeneficiaryReviewsService, ContactFileService];

/** Beneficiary cases: request types with stages and checklists, field visits and periodic reviews, on top of the ticket stream. */
@Module({ imports: [TicketsModule, IngestModule, FieldModule], providers: SERVICES, exports: SERVICES })
export class CasesModule {}
