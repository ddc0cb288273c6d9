import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidError, NotFoundError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { isUniqueViolation } from '@inbox/database';
import { Actor } from '@inbox/tenancy';
import { ReplyTemplate, TEMPLATE_VARIABLES } from './reply-template.entity';

export interface ReplyTemplateInput {
  name: string;
  locale: 'ar' | 'en';
  body: string;
}

const VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Reply templates: every agent reads them, admins write them. Unknown variables are refused, so a typo never reaches a beneficiary. */
@Injectable()
export class ReplyTemplatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  list(actor: Actor): Promise<ReplyTemplate[]> {
    return this.dataSource.getRepository(ReplyTemplate).find({ where: { organizationId: actor.organizationId }, order: { locale: 'ASC', name: 'ASC' } });
  }

  async create(actor: Actor, input: ReplyTemplateInput): Promise<ReplyTemplate> {
    checkVariables(input.body);
    const repo = this.dataSource.getRepository(ReplyTemplate);
    const template = await this.saving(() => repo.save(repo.create({ ...input, organizationId: actor.organizationId })));
    await this.changed(actor, 'reply_template.created', template.id, input);
    return template;
  }

  async update(actor: Actor, id: string, input: Partial<ReplyTemplateInput>): Promise<ReplyTemplate> {
    if (input.body !== undefined) checkVariables(input.body);
    const repo = this.dataSource.getRepository(ReplyTemplate);
    const template = await this.get(actor, id);
    const saved = await this.saving(() => repo.save(repo.merge(template, input)));
    await this.changed(actor, 'reply_template.updated', id, input);
    return saved;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.getRepository(ReplyTemplate).remove(await this.get(actor, id));
    await this.changed(actor, 'reply_template.deleted', id, {});
  }

  private async get(actor: Actor, id: string): Promise<ReplyTemplate> {
    const template = await this.dataSource.getRepository(ReplyTemplate).findOneBy({ id, organizationId: actor.organizationId });
    if (!template) throw new NotFoundError('template');
    return template;
  }

  private async saving(save: () => Promise<ReplyTemplate>): Promise<ReplyTemplate> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error)) throw new InvalidError('name', 'A template with this name already exists in this language');
      throw error;
    }
  }

  private changed(actor: Actor, action: string, id: string, data: object): Promise<void> {
    return this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action, entityType: 'reply_template', entityId: id, data: { ...data } });
  }
}

function checkVariables(body: string): void {
  for (const [, name] of body.matchAll(VARIABLE)) {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
      throw new InvalidError('body', `Unknown variable {{${name}}}; use ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`);
    }
  }
}
