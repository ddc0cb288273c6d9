import { Module } from '@nestjs/common';
import { FormsModule } from '@inbox/channels/forms';
import { FormsAdminController } from './forms-admin.controller';

/** The channels staff work by hand or a PBX drives: form admin, call logs and the PBX webhook, the letters register, delegates. */
@Module({
  imports: [FormsModule],
  controllers: [FormsAdminController],
})
export class ChannelDesksModule {}
