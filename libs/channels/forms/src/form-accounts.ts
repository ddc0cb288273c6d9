import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelKind } from '@inbox/channels/contract';

/**
 * The web-form channel account a submission arrives on: one per form and
 * branch, made on first use. Per form, because ingest appends a message to
 * the sender's open ticket on the same account: a complaint must never join
 * the same person's open inquiry, and each form makes tickets of its own
 * type. Per branch, because ingest routes by the account's branch (a
 * "nearest branch" answer must reach that branch's section). Made under an
 * advisory lock, so two first submissions make one account.
 */
@Injectable()
export class FormAccounts {
  private readonly cache = new Map<string, { id: string; at: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async accountFor(form: { id: string; organizationId: string; title: { ar: string } }, branchId: string | null): Promise<string> {
    const key = `${form.id}:${branchId ?? ''}`;
    const cached = this.cache.get(key);
    // Kept a minute: an account an admin deletes is made again on the next submission after that.
    if (cached && Date.now() - cached.at < 60_000) return cached.id;
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 6))`, [`channel-account:${ChannelKind.WebForm}:${key}`]);
      const [existing] = await manager.query(
        `SELECT id FROM channel_accounts WHERE organization_id = $1 AND kind = $2 AND settings ->> 'formId' = $3 AND branch_id IS NOT DISTINCT FROM $4::uuid
         ORDER BY created_at LIMIT 1`,
        [form.organizationId, ChannelKind.WebForm, form.id, branchId],
      );
      if (existing) return existing.id as string;
      const [branch] = branchId ? await manager.query(`SELECT name_ar FROM branches WHERE id = $1`, [branchId]) : [];
      const name = `نموذج: ${form.title.ar}${branch ? ` — ${branch.name_ar}` : ''}`;
      const [created] = await manager.query(
        `INSERT INTO channel_accounts (organization_id, branch_id, kind, name, settings, health) VALUES ($1, $2, $3, $4, $5, 'ok') RETURNING id`,
        [form.organizationId, branchId, ChannelKind.WebForm, name.slice(0, 200), { formId: form.id }],
      );
      return created.id as string;
    });
    this.cache.set(key, { id, at: Date.now() });
    return id;
  }
}
