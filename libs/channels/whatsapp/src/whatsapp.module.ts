import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '@inbox/channels/accounts';
import { IngestModule } from '@inbox/ingest';
import { OutboundModule } from '@inbox/outbound';
import { WhatsAppCloudAdapter } from './cloud-channel.adapter';
import { WhatsAppCloudWebhookService } from './cloud-webhook.service';
import { WhatsAppTemplatesService } from './templates.service';

/** WhatsApp through Meta's Cloud API: the webhook, the adapter that replies, the approved templates. */
@Module({
  imports: [ChannelAccountsModule, IngestModule, OutboundModule],
  providers: [WhatsAppCloudAdapter, WhatsAppCloudWebhookService, WhatsAppTemplatesService],
  exports: [WhatsAppCloudAdapter, WhatsAppCloudWebhookService, WhatsAppTemplatesService],
})
export class WhatsAppModule {}
