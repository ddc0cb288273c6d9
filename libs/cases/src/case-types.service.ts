import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { ConflictError, InvalidError, NotFoundError } from '@inbox/core';
import { Actor } from '@inbox/tenancy';
import { CaseType, caseTypeFor, caseTypeProblems, DEFAULT_CASE_TYPES } from './case-types';

export interface CaseTypeEntry extends CaseType {
  /** True when the organization changed it; false while it is the default. */
  customized: boolean;
}

const CACHE_MS = 30_000;

/**
 * The request types of one organization: the defaults the policies describe,
 * each replaced by the organization's own version once an admin edits it
 * (reset returns to the default). A change is refused when it does not hold
 * together, or when it removes a stage cases are at now.
 */
@Injectable()
export class CaseTypesService {
  private readonly cache = new Map<string, { at: number; types: CaseTypeEntry[] }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(organizationId: string): Promise<CaseTypeEntry[]> {
    const cached = this.cache.get(organizationId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.types;
    const rows: { key: string; definition: CaseType }[] = await this.dataSource.query(
      `SELECT key, definition FROM case_types WHERE organization_id = $1`, [organizationId],
    );
    const own = new Map(rows.map((row) => [row.key, row.definition]));
    const types = DEFAULT_CASE_TYPES.map((type) => (own.has(type.key) ? { ...own.get(type.key)!, key: type.key, customized: true } : { ...type, customized: false }));
    this.cache.set(organizationId, { at: Date.now(), types });
    return types;
  }

  async forTicketType(organizationId: string, ticketType: string): Promise<CaseType | null> {
    return caseTypeFor(ticketType, await this.list(organizationId));
  }

  async save(actor: Actor, key: string, definition: Omit<CaseType, 'key' | 'ticketType'>): Promise<CaseTypeEntry> {
    const base = DEFAULT_CASE_TYPES.find((type) => type.key === key);
    if (!base) throw new NotFoundError('request type');
    const type: CaseType = { ...definition, key, ticketType: base.ticketType };
    const problems = caseTypeProblems(type);
    if (problems.length) throw new InvalidError(problems[0].field, problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
    await this.dataSource.transaction(async (manager) => {
      await this.refuseRemovedStages(manager, actor.organizationId, key, new Set(type.stages.map((s) => s.key)));
      await manager.query(
        `INSERT INTO case_types (organization_id, key, definition, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, key) DO UPDATE SET definition = EXCLUDED.definition, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [actor.organizationId, key, JSON.stringify(type), actor.userId],
      );
      await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'case_type.changed', entityType: 'case_type', entityId: key }, manager);
    });
    this.cache.delete(actor.organizationId);
    return (await this.list(actor.organizationId)).find((t) => t.key === key)!;
  }

  /** Back to the default (refused while cases are at a stage the default does not have). */
  async reset(actor: Actor, key: string): Promise<CaseTypeEntry> {
    const base = DEFAULT_CASE_TYPES.find((type) => type.key === key);
    if (!base) throw new NotFoundError('request type');
    await this.dataSource.transaction(async (manager) => {
      await this.refuseRemovedStages(manager, actor.organizationId, key, new Set(base.stages.map((s) => s.key)));
      await manager.query(`DELETE FROM case_types WHERE organization_id = $1 AND key = $2`, [actor.organizationId, key]);
      await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'case_type.reset', entityType: 'case_type', entityId: key }, manager);
    });
    this.cache.delete(actor.organizationId);
    return (await this.list(actor.organizationId)).find((t) => t.key === key)!;
  }

  private async refuseRemovedStages(manager: EntityManager, organizationId: string, key: string, kept: Set<string>): Promise<void> {
    const rows: { stage: string; count: number }[] = await manager.query(
      `SELECT stage, count(*)::int AS count FROM cases WHERE organization_id = $1 AND case_type = $2 GROUP BY stage`, [organizationId, key],
    );
    const stranded = rows.filter((row) => !kept.has(row.stage));
    if (stranded.length) {
      throw new ConflictError(`Cases are at stages this version removes: ${stranded.map((row) => `${row.stage} (${row.count})`).join(', ')}; move them on first`);
    }
  }
}
