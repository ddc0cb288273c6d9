import { Module } from '@nestjs/common';
import { TicketsModule } from '@inbox/tickets';
import { ComplaintCasesService } from './complaint-cases.service';
import { NoticeTemplatesService } from './notice-templates.service';

@Module({ imports: [TicketsModule], providers: [ComplaintCasesService, NoticeTemplatesService], exports: [ComplaintCasesService, NoticeTemplatesService] })
export class ComplaintsModule {}
