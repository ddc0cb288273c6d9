import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '@inbox/channels/accounts';
import { IngestModule } from '@inbox/ingest';
import { OutboundModule } from '@inbox/outbound';
import { WhatsAppCloudAdapter } from './cloud-channel.adapter';
import { WhatsAppCloudWebhookService } from './cloud-webhook.service';
import { WhatsAppTemplatesService } from './templates.service';
import { WhatsAppWebAdapter, WhatsAppWebConnectors } from './web/web-channel.adapter';
import { WhatsAppWebClientFactory } from './web/web-client';
import { WhatsAppWebSessions } from './web/web-sessions';

/** WhatsApp through Meta's Cloud API (the webhook, the adapter, the approved templates) and through whatsapp-web.js (the sessions, the clients, the adapter; the worker runs the connectors). */
@Module({
  imports: [ChannelAccountsModule, IngestModule, OutboundModule],
  providers: [WhatsAppCloudAdapter, WhatsAppCloudWebhookService, WhatsAppTemplatesService, WhatsAppWebAdapter, WhatsAppWebConnectors, WhatsAppWebClientFactory, WhatsAppWebSessions],
  exports: [WhatsAppCloudAdapter, WhatsAppCloudWebhookService, WhatsAppTemplatesService, WhatsAppWebAdapter, WhatsAppWebConnectors, WhatsAppWebClientFactory, WhatsAppWebSessions],
})
export class WhatsAppModule {}
