import { Module } from '@nestjs/common';
import { TicketsModule } from '@inbox/tickets';
import { CasesService } from './cases.service';

/** Beneficiary cases: request types with stages and checklists, on top of the ticket stream. */
@Module({ imports: [TicketsModule], providers: [CasesService], exports: [CasesService] })
export class CasesModule {}
