import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { ConflictError, InvalidError, NotFoundError } from '@inbox/core';
import { isUniqueViolation } from '@inbox/database';
import { TicketType } from '@inbox/channels/contract';
import { Actor } from '@inbox/tenancy';
import { DEFAULT_FORMS } from './default-forms';
import { cleanFields, FormDefinition, FormField, Localized, validateFields } from './form-definition';
import { BranchOption } from './submission-validator';

export interface FormInput {
  slug: string;
  ticketType: TicketType;
  title: Localized;
  description?: Partial<Localized>;
  declaration?: Partial<Localized>;
  fields: FormField[];
  allowAnonymous?: boolean;
  enabled?: boolean;
  perIpPerHour?: number;
  perFormPerMinute?: number;
  embedOrigins?: string[];
}

/** A public form with what its page needs: the organization's names and zone, and the branches to choose from. */
export interface PublicForm {
  form: FormDefinition;
  organization: { id: string; name: Localized; timeZone: string };
  branches: BranchOption[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,79}$/;
const PUBLIC_TTL_MS = 5_000;
const PUBLIC_CACHE_MAX = 5_000;

const COLUMNS = `id, organization_id AS "organizationId", slug, preset, ticket_type AS "ticketType", title, description, declaration, fields,
  allow_anonymous AS "allowAnonymous", enabled, per_ip_per_hour AS "perIpPerHour", per_form_per_minute AS "perFormPerMinute",
  embed_origins AS "embedOrigins"`;

/** A slug from an organization's own: lower-case letters, digits and dashes. */
const slugPart = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'org';

/**
 * Form definitions per organization. Every organization has the default
 * forms the policies name (seeded on its first listing, or by the demo);
 * admins edit those and add their own. The public side reads a form by its
 * slug through a short cache, as a page and its submission ask twice.
 */
@Injectable()
export class FormDefinitionsService {
  private readonly publicCache = new Map<string, { at: number; value: Promise<PublicForm | null> }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor): Promise<FormDefinition[]> {
    await this.ensureDefaults(actor.organizationId);
    return this.dataSource.query(`SELECT ${COLUMNS} FROM form_definitions WHERE organization_id = $1 ORDER BY created_at, slug`, [actor.organizationId]);
  }

  async get(actor: Actor, id: string): Promise<FormDefinition> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM form_definitions WHERE id = $1 AND organization_id = $2`, [id, actor.organizationId]);
    if (!row) throw new NotFoundError('form');
    return row;
  }

  async create(actor: Actor, input: FormInput): Promise<FormDefinition> {
    this.check(input);
    input = { ...input, fields: cleanFields(input.fields) };
    const id = await this.write(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO form_definitions (organization_id, slug, ticket_type, title, description, declaration, fields, allow_anonymous, enabled,
           per_ip_per_hour, per_form_per_minute, embed_origins)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, 10), coalesce($11, 600), $12) RETURNING id`,
        [actor.organizationId, input.slug, input.ticketType, input.title, input.description ?? {}, input.declaration ?? {}, JSON.stringify(input.fields),
          input.allowAnonymous ?? false, input.enabled ?? true, input.perIpPerHour ?? null, input.perFormPerMinute ?? null, input.embedOrigins ?? []],
      );
      await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'form.created', entityType: 'form', entityId: row.id, data: { slug: input.slug } }, manager);
      return row.id as string;
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: Partial<FormInput>): Promise<FormDefinition> {
    const before = await this.get(actor, id);
    const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as FormDefinition;
    this.check(after);
    after.fields = cleanFields(after.fields);
    await this.write(async (manager) => {
      await manager.query(
        `UPDATE form_definitions SET slug = $3, ticket_type = $4, title = $5, description = $6, declaration = $7, fields = $8, allow_anonymous = $9,
           enabled = $10, per_ip_per_hour = $11, per_form_per_minute = $12, embed_origins = $13, updated_at = now()
         WHERE id = $1 AND organization_id = $2`,
        [id, actor.organizationId, after.slug, after.ticketType, after.title, after.description, after.declaration, JSON.stringify(after.fields),
          after.allowAnonymous, after.enabled, after.perIpPerHour, after.perFormPerMinute, after.embedOrigins],
      );
      await this.audit.record({
        organizationId: actor.organizationId, actorUserId: actor.userId, action: 'form.updated', entityType: 'form', entityId: id, data: { fields: Object.keys(input) },
      }, manager);
    });
    this.publicCache.delete(before.slug);
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const form = await this.get(actor, id);
    if (form.preset) throw new InvalidError('id', 'A default form cannot be deleted (it would come back); disable it instead');
    await this.dataSource.query(`DELETE FROM form_definitions WHERE id = $1 AND organization_id = $2`, [id, actor.organizationId]);
    await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'form.deleted', entityType: 'form', entityId: id, data: { slug: form.slug } });
    this.publicCache.delete(form.slug);
  }

  /** The default forms, once per organization; they cannot be deleted, only disabled, so each is made once. */
  async ensureDefaults(organizationId: string): Promise<void> {
    const present: { preset: string }[] = await this.dataSource.query(
      `SELECT preset FROM form_definitions WHERE organization_id = $1 AND preset IS NOT NULL`, [organizationId],
    );
    const missing = DEFAULT_FORMS.filter((d) => !present.some((p) => p.preset === d.preset));
    if (missing.length === 0) return;
    const [org] = await this.dataSource.query(`SELECT slug FROM organizations WHERE id = $1`, [organizationId]);
    if (!org) throw new NotFoundError('organization');
    for (const preset of missing) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const slug = `${slugPart(org.slug)}-${preset.preset}${attempt ? `-${randomBytes(2).toString('hex')}` : ''}`;
        try {
          await this.dataSource.query(
            `INSERT INTO form_definitions (organization_id, slug, preset, ticket_type, title, description, fields, allow_anonymous)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (organization_id, preset) DO NOTHING`,
            [organizationId, slug, preset.preset, preset.ticketType, preset.title, preset.description, JSON.stringify(preset.fields), preset.allowAnonymous],
          );
          break;
        } catch (error) {
          // Another organization already uses this slug: try one with a suffix.
          if (!isUniqueViolation(error, 'form_definitions_slug_key') || attempt === 2) throw error;
        }
      }
    }
  }

  /** An enabled form by its public slug, with its organization and branches; null when there is none. */
  bySlug(slug: string): Promise<PublicForm | null> {
    const key = slug.toLowerCase();
    const cached = this.publicCache.get(key);
    if (cached && Date.now() - cached.at < PUBLIC_TTL_MS) return cached.value;
    // Misses are cached too (for robots trying addresses), so the map is bounded.
    if (this.publicCache.size > PUBLIC_CACHE_MAX) this.publicCache.clear();
    const value = this.loadPublic(key);
    this.publicCache.set(key, { at: Date.now(), value });
    value.catch(() => this.publicCache.delete(key));
    return value;
  }

  private async loadPublic(slug: string): Promise<PublicForm | null> {
    if (!SLUG.test(slug)) return null;
    let [form] = await this.dataSource.query(`SELECT ${COLUMNS} FROM form_definitions WHERE slug = $1 AND enabled`, [slug]);
    if (!form && (await this.seedFor(slug))) [form] = await this.dataSource.query(`SELECT ${COLUMNS} FROM form_definitions WHERE slug = $1 AND enabled`, [slug]);
    if (!form) return null;
    const [org] = await this.dataSource.query(`SELECT id, name_ar, name_en, time_zone FROM organizations WHERE id = $1`, [form.organizationId]);
    const branches = form.fields.some((f: FormField) => f.type === 'branch')
      ? await this.dataSource.query(`SELECT id, name_ar, name_en FROM branches WHERE organization_id = $1 ORDER BY name_ar`, [form.organizationId])
      : [];
    return {
      form,
      organization: { id: org.id, name: { ar: org.name_ar, en: org.name_en }, timeZone: org.time_zone },
      branches: branches.map((b: { id: string; name_ar: string; name_en: string }) => ({ id: b.id, name: { ar: b.name_ar, en: b.name_en } })),
    };
  }

  /**
   * A new organization's default forms exist before anyone has opened the
   * forms screen: `/f/<organization>-<preset>` seeds them on its first visit.
   * True when it seeded something.
   */
  private async seedFor(slug: string): Promise<boolean> {
    const preset = DEFAULT_FORMS.find((d) => slug.endsWith(`-${d.preset}`));
    if (!preset) return false;
    const prefix = slug.slice(0, -(preset.preset.length + 1));
    // The same transformation as slugPart, in SQL (organizations are few: one row per association).
    const [organization] = await this.dataSource.query(
      `SELECT o.id FROM organizations o
       WHERE left(trim(both '-' from regexp_replace(lower(o.slug), '[^a-z0-9]+', '-', 'g')), 50) = $2
         AND NOT EXISTS (SELECT 1 FROM form_definitions f WHERE f.organization_id = o.id AND f.preset = $1)
       LIMIT 1`,
      [preset.preset, prefix],
    );
    if (!organization) return false;
    await this.ensureDefaults(organization.id);
    return true;
  }

  private check(input: Pick<FormInput, 'slug' | 'ticketType' | 'fields' | 'allowAnonymous' | 'embedOrigins'>): void {
    if (!SLUG.test(input.slug ?? '')) throw new InvalidError('slug', 'A slug is 2 to 80 lower-case letters, digits and dashes');
    validateFields(input.fields, input.ticketType, input.allowAnonymous ?? false);
    for (const [index, origin] of (input.embedOrigins ?? []).entries()) {
      if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin)) throw new InvalidError(`embedOrigins.${index}`, 'An origin is scheme and host, like https://www.example.org');
    }
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'form_definitions_slug_key')) throw new ConflictError('Another form already uses this slug', { field: 'slug' });
      throw error;
    }
  }
}
