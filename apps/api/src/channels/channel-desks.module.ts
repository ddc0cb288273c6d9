import { Module } from '@nestjs/common';
import { CallsModule } from '@inbox/channels/calls';
import { FormsModule } from '@inbox/channels/forms';
import { CallsController } from './calls.controller';
import { FormsAdminController } from './forms-admin.controller';
import { PbxAccountsController } from './pbx-accounts.controller';
import { PbxWebhookController } from './pbx-webhook.controller';

/** The channels staff work by hand or a PBX drives: form admin, call logs and the PBX webhook, the letters register, delegates. */
@Module({
  imports: [FormsModule, CallsModule],
  controllers: [FormsAdminController, CallsController, PbxAccountsController, PbxWebhookController],
})
export class ChannelDesksModule {}
