import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@inbox/core';
import { ChannelKind } from '@inbox/channels/contract';

export interface PhoneAccount {
  id: string;
  organizationId: string;
  settings: PhoneSettings;
}

/** What an admin sets on a phone (PBX) account. */
export interface PhoneSettings extends Record<string, unknown> {
  /** PBX extension -> the agent's email, so an answered call pops on the right screen. */
  extensions?: Record<string, string>;
  /** Business minutes to call back a missed call; 120 by default. */
  callbackMinutes?: number;
  /** The organization's own account for calls logged by hand (no PBX behind it). */
  manual?: boolean;
}

const MANUAL = 'الهاتف';

/**
 * The phone channel accounts: each PBX is one (made by an admin, holding its
 * webhook secret); calls agents log by hand and imports without a PBX go to
 * the organization's own phone account, made on first use.
 */
@Injectable()
export class PhoneAccounts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async manual(organizationId: string): Promise<PhoneAccount> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 6))`, [`channel-account:${ChannelKind.Phone}:${organizationId}`]);
      const [existing] = await manager.query(
        `SELECT id, organization_id, settings FROM channel_accounts WHERE organization_id = $1 AND kind = $2 AND settings ->> 'manual' = 'true'
         ORDER BY created_at LIMIT 1`,
        [organizationId, ChannelKind.Phone],
      );
      if (existing) return { id: existing.id, organizationId, settings: existing.settings };
      const [created] = await manager.query(
        `INSERT INTO channel_accounts (organization_id, kind, name, settings, health) VALUES ($1, $2, $3, '{"manual": true}', 'ok') RETURNING id`,
        [organizationId, ChannelKind.Phone, MANUAL],
      );
      return { id: created.id, organizationId, settings: { manual: true } };
    });
  }

  /** A phone account of the organization (a PBX or the manual one). */
  async get(organizationId: string, id: string): Promise<PhoneAccount> {
    const [row] = await this.dataSource.query(
      `SELECT id, organization_id, settings FROM channel_accounts WHERE id = $1 AND organization_id = $2 AND kind = $3`, [id, organizationId, ChannelKind.Phone],
    );
    if (!row) throw new NotFoundError('phone account');
    return { id: row.id, organizationId, settings: row.settings };
  }
}
