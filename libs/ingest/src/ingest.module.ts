import { Module } from '@nestjs/common';
import { TicketsModule } from '@inbox/tickets';
import { IngestService } from './ingest.service';

@Module({ imports: [TicketsModule], providers: [IngestService], exports: [IngestService] })
export class IngestModule {}
