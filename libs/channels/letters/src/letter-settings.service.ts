import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { InvalidError, NotFoundError } from '@inbox/core';
import { AttachmentStorage } from '@inbox/storage';
import { Actor } from '@inbox/tenancy';
import { sniffScan } from './scan-sniffer';

export interface LetterSettings {
  numberPerBranch: boolean;
  incomingPrefix: string;
  outgoingPrefix: string;
  letterheadLines: string[];
  footer: string | null;
  logo: { storageKey: string; contentType: string } | null;
}

export interface LetterSettingsInput {
  numberPerBranch?: boolean;
  incomingPrefix?: string;
  outgoingPrefix?: string;
  letterheadLines?: string[];
  footer?: string | null;
  /** PNG or JPEG, base64; null removes the logo. */
  logoBase64?: string | null;
}

export interface LetterTemplate {
  id: string;
  name: string;
  locale: 'ar' | 'en';
  subject: string;
  body: string;
}

const DEFAULTS: LetterSettings = { numberPerBranch: false, incomingPrefix: 'و', outgoingPrefix: 'ص', letterheadLines: [], footer: null, logo: null };
const LOGO_MAX_BYTES = 512 * 1024;

/** The register's settings (numbering per branch, prefixes, letterhead) and the outgoing letter templates; admins change them. */
@Injectable()
export class LetterSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly audit: AuditService,
  ) {}

  async get(organizationId: string): Promise<LetterSettings> {
    const [row] = await this.dataSource.query(`SELECT * FROM letter_settings WHERE organization_id = $1`, [organizationId]);
    if (!row) return DEFAULTS;
    return {
      numberPerBranch: row.number_per_branch, incomingPrefix: row.incoming_prefix, outgoingPrefix: row.outgoing_prefix,
      letterheadLines: row.letterhead_lines, footer: row.footer, logo: row.logo,
    };
  }

  async set(actor: Actor, input: LetterSettingsInput): Promise<LetterSettings> {
    const current = await this.get(actor.organizationId);
    let logo = current.logo;
    if (input.logoBase64 === null) logo = null;
    else if (input.logoBase64 !== undefined) {
      const bytes = Buffer.from(input.logoBase64, 'base64');
      const kind = sniffScan(bytes);
      if (bytes.length > LOGO_MAX_BYTES || (kind !== 'png' && kind !== 'jpeg')) throw new InvalidError('logoBase64', 'The logo is a PNG or JPEG of at most 512 KB');
      const contentType = kind === 'png' ? 'image/png' : 'image/jpeg';
      logo = { storageKey: await this.storage.put(bytes, contentType), contentType };
    }
    const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'logoBase64')), logo } as LetterSettings;
    if ((input.letterheadLines ?? []).length > 6) throw new InvalidError('letterheadLines', 'At most six letterhead lines');
    await this.dataSource.query(
      `INSERT INTO letter_settings (organization_id, number_per_branch, incoming_prefix, outgoing_prefix, letterhead_lines, footer, logo, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (organization_id) DO UPDATE SET number_per_branch = $2, incoming_prefix = $3, outgoing_prefix = $4, letterhead_lines = $5,
         footer = $6, logo = $7, updated_at = now()`,
      [actor.organizationId, next.numberPerBranch, next.incomingPrefix, next.outgoingPrefix, JSON.stringify(next.letterheadLines), next.footer, next.logo],
    );
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'letters.settings_changed', entityType: 'organization', entityId: actor.organizationId, data: { fields: Object.keys(input) } });
    return next;
  }

  /** The logo as a data URL for the letterhead (Chromium prints with no network). */
  async logoDataUrl(settings: LetterSettings): Promise<string | null> {
    if (!settings.logo) return null;
    const bytes = await this.storage.get(settings.logo.storageKey);
    return `data:${settings.logo.contentType};base64,${bytes.toString('base64')}`;
  }

  templates(actor: Actor): Promise<LetterTemplate[]> {
    return this.dataSource.query(`SELECT id, name, locale, subject, body FROM letter_templates WHERE organization_id = $1 ORDER BY name`, [actor.organizationId]);
  }

  async template(organizationId: string, id: string): Promise<LetterTemplate> {
    const [row] = await this.dataSource.query(`SELECT id, name, locale, subject, body FROM letter_templates WHERE id = $1 AND organization_id = $2`, [id, organizationId]);
    if (!row) throw new NotFoundError('letter template');
    return row;
  }

  async saveTemplate(actor: Actor, id: string | null, input: Omit<LetterTemplate, 'id'>): Promise<LetterTemplate> {
    const [row] = id
      ? (await this.dataSource.query(
        `UPDATE letter_templates SET name = $3, locale = $4, subject = $5, body = $6, updated_at = now() WHERE id = $1 AND organization_id = $2
         RETURNING id, name, locale, subject, body`,
        [id, actor.organizationId, input.name, input.locale, input.subject, input.body],
      ))[0]
      : await this.dataSource.query(
        `INSERT INTO letter_templates (organization_id, name, locale, subject, body) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, locale, subject, body`,
        [actor.organizationId, input.name, input.locale, input.subject, input.body],
      );
    if (!row) throw new NotFoundError('letter template');
    return row;
  }
}
