import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChannelKind } from '@inbox/channels/contract';

const NAME = 'سجل الخطابات';

/**
 * The letters register as a channel account: one per organization, or per
 * branch when letters are numbered per branch, so a letter's ticket is
 * routed to that branch's section. Made on first use, under a lock.
 */
@Injectable()
export class LetterAccounts {
  async accountFor(manager: EntityManager, organizationId: string, branchId: string | null): Promise<string> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 6))`, [`channel-account:${ChannelKind.Letter}:${organizationId}:${branchId ?? ''}`]);
    const [existing] = await manager.query(
      `SELECT id FROM channel_accounts WHERE organization_id = $1 AND kind = $2 AND branch_id IS NOT DISTINCT FROM $3::uuid ORDER BY created_at LIMIT 1`,
      [organizationId, ChannelKind.Letter, branchId],
    );
    if (existing) return existing.id;
    const [branch] = branchId ? await manager.query(`SELECT name_ar FROM branches WHERE id = $1`, [branchId]) : [];
    const [created] = await manager.query(
      `INSERT INTO channel_accounts (organization_id, branch_id, kind, name, settings, health) VALUES ($1, $2, $3, $4, '{}', 'ok') RETURNING id`,
      [organizationId, branchId, ChannelKind.Letter, branch ? `${NAME} — ${branch.name_ar}` : NAME],
    );
    return created.id;
  }
}
