import { Module } from '@nestjs/common';
import { IngestModule } from '@inbox/ingest';
import { TicketsModule } from '@inbox/tickets';
import { LetterAccounts } from './letter-accounts';
import { LetterPdfRenderer } from './letter-pdf.renderer';
import { LetterSettingsService } from './letter-settings.service';
import { LettersService } from './letters.service';
import { TicketLetterMessages } from './ticket-letter-messages';

const exported = [LettersService, LetterSettingsService, LetterPdfRenderer];

/** The correspondence register: incoming and outgoing letters, their numbering, letterhead, templates and PDFs. */
@Module({ imports: [IngestModule, TicketsModule], providers: [...exported, LetterAccounts, TicketLetterMessages], exports: exported })
export class LettersModule {}
