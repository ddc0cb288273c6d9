import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { Actor } from '@inbox/tenancy';
import { OrganizationProfileCache } from './organization-profile.cache';
import { RoutingConditions, RoutingRule } from './routing-rule.entity';
import { TicketPriority } from './ticket.entity';

export interface RoutingRuleInput {
  name: string;
  position?: number;
  enabled?: boolean;
  conditions?: RoutingConditions;
  teamId?: string | null;
  priority?: TicketPriority | null;
}

@Injectable()
export class RoutingRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: OrganizationProfileCache,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor): Promise<RoutingRule[]> {
    return this.dataSource.getRepository(RoutingRule).find({ where: { organizationId: actor.organizationId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async create(actor: Actor, input: RoutingRuleInput): Promise<RoutingRule> {
    await this.checkTeam(actor, input.teamId);
    const repo = this.dataSource.getRepository(RoutingRule);
    const position = input.position ?? (await repo.count({ where: { organizationId: actor.organizationId } }));
    const rule = await repo.save(repo.create({
      organizationId: actor.organizationId, name: input.name, position, enabled: input.enabled ?? true,
      conditions: input.conditions ?? {}, teamId: input.teamId ?? null, priority: input.priority ?? null,
    }));
    await this.changed(actor, 'routing_rule.created', rule.id, input);
    return rule;
  }

  async update(actor: Actor, id: string, input: Partial<RoutingRuleInput>): Promise<RoutingRule> {
    const rule = await this.get(actor, id);
    await this.checkTeam(actor, input.teamId);
    const saved = await this.dataSource.getRepository(RoutingRule).save({ ...rule, ...input });
    await this.changed(actor, 'routing_rule.updated', id, input);
    return saved;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.get(actor, id);
    await this.dataSource.getRepository(RoutingRule).delete({ id, organizationId: actor.organizationId });
    await this.changed(actor, 'routing_rule.deleted', id, {});
  }

  async get(actor: Actor, id: string): Promise<RoutingRule> {
    const rule = await this.dataSource.getRepository(RoutingRule).findOne({ where: { id, organizationId: actor.organizationId } });
    if (!rule) throw new NotFoundError('routing rule');
    return rule;
  }

  private async checkTeam(actor: Actor, teamId: string | null | undefined): Promise<void> {
    if (!teamId) return;
    const rows = await this.dataSource.query(`SELECT 1 FROM teams WHERE id = $1 AND organization_id = $2`, [teamId, actor.organizationId]);
    if (rows.length === 0) throw new NotFoundError('team');
  }

  private async changed(actor: Actor, action: string, id: string, data: object): Promise<void> {
    this.profiles.invalidate(actor.organizationId);
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action, entityType: 'routing_rule', entityId: id, data: { ...data } });
  }
}
