import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidError, NotFoundError } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { cloudAccountOf, WhatsAppTemplateChoice } from './cloud-channel.adapter';
import { CloudTemplate, GraphClient, renderTemplate } from './graph-client';

const CACHE_MS = 5 * 60_000;

/**
 * The approved message templates of a Cloud API number, read from the Graph
 * API and kept five minutes, and the check that a reply's template is one of
 * them with every placeholder filled.
 */
@Injectable()
export class WhatsAppTemplatesService {
  private readonly cache = new Map<string, { at: number; templates: CloudTemplate[] }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly accounts: ChannelAccountsService) {}

  async approved(organizationId: string, channelAccountId: string): Promise<CloudTemplate[]> {
    const cached = this.cache.get(channelAccountId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.templates;
    const [row] = await this.dataSource.query(
      `SELECT settings FROM channel_accounts WHERE id = $1 AND organization_id = $2 AND kind = $3`, [channelAccountId, organizationId, ChannelKind.WhatsAppCloud],
    );
    if (!row) throw new NotFoundError('whatsapp channel account');
    const templates = await new GraphClient(cloudAccountOf(row.settings ?? {}, await this.accounts.secretsOf(channelAccountId))).approvedTemplates();
    this.cache.set(channelAccountId, { at: Date.now(), templates });
    return templates;
  }

  /** The template as the person will read it; refused when it is not approved for the number or a placeholder is left empty. */
  async render(organizationId: string, channelAccountId: string, choice: WhatsAppTemplateChoice): Promise<string> {
    const template = (await this.approved(organizationId, channelAccountId)).find((t) => t.name === choice.name && t.language === choice.language);
    if (!template) throw new InvalidError('whatsappTemplate', `The template ${choice.name} (${choice.language}) is not approved for this WhatsApp number`);
    if (choice.parameters.length !== template.parameters || choice.parameters.some((p) => !p.trim())) {
      throw new InvalidError('whatsappTemplate.parameters', `The template ${choice.name} needs ${template.parameters} filled parameters`);
    }
    return renderTemplate(template.body, choice.parameters);
  }
}
