import { Module } from '@nestjs/common';
import { IngestModule } from '@inbox/ingest';
import { TicketsModule } from '@inbox/tickets';
import { FieldAccounts } from './field-accounts';
import { FieldEntriesService } from './field-entries.service';

/** Branch delegates and walk-ins: entries from the field or the branch office, through ingest. */
@Module({ imports: [IngestModule, TicketsModule], providers: [FieldEntriesService, FieldAccounts], exports: [FieldEntriesService, FieldAccounts] })
export class FieldModule {}
