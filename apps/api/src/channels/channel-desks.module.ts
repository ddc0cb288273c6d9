import { Module } from '@nestjs/common';
import { CasesModule } from '@inbox/cases';
import { CallsModule } from '@inbox/channels/calls';
import { FieldModule } from '@inbox/channels/field';
import { FormsModule } from '@inbox/channels/forms';
import { LettersModule } from '@inbox/channels/letters';
import { CallsController } from './calls.controller';
import { DelegatesController } from './delegates.controller';
import { FormsAdminController } from './forms-admin.controller';
import { LettersAdminController, LettersController } from './letters.controller';
import { PbxAccountsController } from './pbx-accounts.controller';
import { PbxWebhookController } from './pbx-webhook.controller';

/** The channels staff work by hand or a PBX drives: form admin, call logs and the PBX webhook, the letters register, delegates. */
@Module({
  imports: [FormsModule, CallsModule, LettersModule, FieldModule, CasesModule],
  controllers: [FormsAdminController, CallsController, PbxAccountsController, PbxWebhookController, LettersController, LettersAdminController, DelegatesController],
})
export class ChannelDesksModule {}
