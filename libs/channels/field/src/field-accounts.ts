import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelKind } from '@inbox/channels/contract';

const NAME = 'المندوبون والزيارات';

/**
 * Delegates' entries arrive on their branch's field account, so ingest routes
 * the ticket to that branch's section. One per branch (and one without a
 * branch), made on first use under a lock.
 */
@Injectable()
export class FieldAccounts {
  private readonly cache = new Map<string, { id: string; at: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async accountFor(organizationId: string, branchId: string | null): Promise<string> {
    const key = `${organizationId}:${branchId ?? ''}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.id;
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 6))`, [`channel-account:${ChannelKind.Field}:${key}`]);
      const [existing] = await manager.query(
        `SELECT id FROM channel_accounts WHERE organization_id = $1 AND kind = $2 AND branch_id IS NOT DISTINCT FROM $3::uuid ORDER BY created_at LIMIT 1`,
        [organizationId, ChannelKind.Field, branchId],
      );
      if (existing) return existing.id as string;
      const [branch] = branchId ? await manager.query(`SELECT name_ar FROM branches WHERE id = $1`, [branchId]) : [];
      const [created] = await manager.query(
        `INSERT INTO channel_accounts (organization_id, branch_id, kind, name, settings, health) VALUES ($1, $2, $3, $4, '{}', 'ok') RETURNING id`,
        [organizationId, branchId, ChannelKind.Field, branch ? `${NAME} — ${branch.name_ar}` : NAME],
      );
      return created.id as string;
    });
    this.cache.set(key, { id, at: Date.now() });
    return id;
  }
}
