import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InvalidError } from '@inbox/core';
import { Actor } from '@inbox/tenancy';
import { OrganizationProfileCache } from '@inbox/tickets';
import { CallRecorder } from './call-recorder';
import { CSV_LIMITS, CsvCallRow, readCallCsv } from './call-csv';
import { PhoneAccount, PhoneAccounts } from './phone-accounts';

export interface ImportedRow extends CsvCallRow {
  /** After an import: where the call went, or why it could not be written. */
  result?: { ticketReference: string; duplicate: boolean; followUp: boolean } | { error: string };
}

export interface ImportReport {
  format: 'header' | 'asterisk';
  total: number;
  valid: number;
  invalid: number;
  /** Written now (not already there from an earlier import or the PBX webhook). */
  imported: number;
  rows: ImportedRow[];
}

/**
 * Call records from a PBX export. The preview reads and checks every row and
 * writes nothing; the import writes the good rows and reports each, so a
 * file can be fixed and imported again: rows already imported (by the
 * PBX's call id, or by number, time and direction) are not written twice.
 */
@Injectable()
export class CallImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: PhoneAccounts,
    private readonly recorder: CallRecorder,
    private readonly profiles: OrganizationProfileCache,
  ) {}

  async run(actor: Actor, input: { csv: string; preview: boolean; accountId?: string }): Promise<ImportReport> {
    if (Buffer.byteLength(input.csv) > CSV_LIMITS.bytes) throw new InvalidError('csv', `The file is larger than ${CSV_LIMITS.bytes / 1024 / 1024} MB; split it`);
    const account = input.accountId ? await this.accounts.get(actor.organizationId, input.accountId) : await this.accounts.manual(actor.organizationId);
    const profile = await this.profiles.get(actor.organizationId);
    let parsed: ReturnType<typeof readCallCsv>;
    try {
      parsed = readCallCsv(input.csv, profile.timeZone);
    } catch (error) {
      throw new InvalidError('csv', `The file is not readable CSV: ${(error as Error).message}`);
    }
    const rows: ImportedRow[] = parsed.rows;
    const report: ImportReport = {
      format: parsed.format, total: rows.length, valid: rows.filter((r) => r.call).length, invalid: rows.filter((r) => !r.call).length, imported: 0, rows,
    };
    if (input.preview) return report;
    const agents = await this.agents(actor.organizationId, account);
    for (const row of rows) {
      if (!row.call) continue;
      try {
        const recorded = await this.recorder.record(account, {
          externalId: this.externalId(account, row.call), source: 'import', direction: row.call.direction, number: row.call.number,
          startedAt: row.call.startedAt, durationSeconds: row.call.durationSeconds, outcome: row.call.outcome, notes: row.call.notes,
          agent: row.call.agent ? agents.get(row.call.agent.toLowerCase()) ?? null : null, extension: row.call.agent,
        });
        row.result = { ticketReference: recorded.ticketReference, duplicate: recorded.duplicate, followUp: recorded.followUp !== null };
        if (!recorded.duplicate) report.imported++;
      } catch (error) {
        row.result = { error: (error as Error).message };
      }
    }
    return report;
  }

  /** The PBX's own id when the row has one (the same key its webhook uses), else the call's number, time and direction. */
  private externalId(account: PhoneAccount, call: NonNullable<CsvCallRow['call']>): string {
    if (call.callId) return `pbx:${call.callId}`;
    return `import:${createHash('sha256').update(`${call.direction}|${call.number}|${call.startedAt.toISOString()}`).digest('hex').slice(0, 32)}`;
  }

  /** Agents by email and by the extension the account maps to them. */
  private async agents(organizationId: string, account: PhoneAccount): Promise<Map<string, { id: string; name: string }>> {
    const users: { id: string; name: string; email: string }[] = await this.dataSource.query(
      `SELECT id, name, lower(email) AS email FROM users WHERE organization_id = $1 AND active`, [organizationId],
    );
    const byEmail = new Map(users.map((u) => [u.email, { id: u.id, name: u.name }]));
    const map = new Map(byEmail);
    for (const [extension, email] of Object.entries(account.settings.extensions ?? {})) {
      const user = byEmail.get(email.toLowerCase());
      if (user) map.set(extension.toLowerCase(), user);
    }
    return map;
  }
}
