import { Module } from '@nestjs/common';
import { IngestModule } from '@inbox/ingest';
import { TicketsModule } from '@inbox/tickets';
import { CallImportsService } from './call-imports.service';
import { CallRecorder } from './call-recorder';
import { CallsService } from './calls.service';
import { PbxAccountsService } from './pbx-accounts.service';
import { PbxEventsService } from './pbx-events.service';
import { PhoneAccounts } from './phone-accounts';

const exported = [CallsService, CallImportsService, PbxEventsService, PbxAccountsService];

/** Phone calls: logged by agents, reported by a PBX, imported from its exports; all through ingest. */
@Module({ imports: [IngestModule, TicketsModule], providers: [...exported, CallRecorder, PhoneAccounts], exports: exported })
export class CallsModule {}
