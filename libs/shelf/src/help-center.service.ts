import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidError, NotFoundError } from '@inbox/core';
import { AttachmentStorage } from '@inbox/storage';
import { ShelfSearchQuery } from './shelf-search.query';
import { Bilingual, ShelfHit, ShelfKind } from './shelf.types';

export interface HelpOrganization {
  id: string;
  slug: string;
  name: { ar: string; en: string };
}

export interface HelpEntry {
  kind: ShelfKind;
  slug: string;
  title: Bilingual;
  categoryId: string | null;
  updatedAt: Date;
}

export interface HelpHome {
  organization: HelpOrganization;
  categories: { id: string; slug: string; name: { ar: string; en: string } }[];
  entries: HelpEntry[];
}

export interface HelpArticle extends HelpEntry {
  organization: HelpOrganization;
  category: { slug: string; name: { ar: string; en: string } } | null;
  versionNumber: number;
  body: Bilingual;
  approval: string | null;
  approvedOn: string | null;
  file: { name: string; contentType: string; sizeBytes: number } | null;
  /** A document's text, for the reader without the file (and for search engines). */
  text: string | null;
}

const COMMENT_MAX = 1000;

/**
 * The public help center: what an association has published on its shelf,
 * read without logging in. Only public, unarchived items exist here: an
 * internal one answers exactly as a missing one does (404), so its address
 * says nothing.
 */
@Injectable()
export class HelpCenterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: ShelfSearchQuery,
    private readonly storage: AttachmentStorage,
  ) {}

  /** The associations with a help center (at least one public item). */
  async organizations(): Promise<HelpOrganization[]> {
    const rows = await this.dataSource.query(
      `SELECT o.id, o.slug, o.name_ar, o.name_en FROM organizations o
       WHERE EXISTS (SELECT 1 FROM shelf_items i WHERE i.organization_id = o.id AND i.audience = 'public' AND i.archived_at IS NULL)
       ORDER BY o.name_ar LIMIT 200`,
    );
    return rows.map(toOrganization);
  }

  async home(organizationSlug: string): Promise<HelpHome> {
    const organization = await this.organization(organizationSlug);
    const [categories, entries] = await Promise.all([
      this.dataSource.query(
        `SELECT c.id, c.slug, c.name_ar, c.name_en FROM shelf_categories c WHERE c.organization_id = $1
           AND EXISTS (SELECT 1 FROM shelf_items i WHERE i.category_id = c.id AND i.audience = 'public' AND i.archived_at IS NULL)
         ORDER BY c.position, c.name_ar`,
        [organization.id],
      ),
      this.dataSource.query(
        `SELECT i.kind, i.slug, i.category_id, i.updated_at, v.title_ar, v.title_en FROM shelf_items i JOIN shelf_versions v ON v.id = i.current_version_id
         WHERE i.organization_id = $1 AND i.audience = 'public' AND i.archived_at IS NULL ORDER BY coalesce(v.title_ar, v.title_en) LIMIT 1000`,
        [organization.id],
      ),
    ]);
    return {
      organization,
      categories: categories.map((row: Record<string, any>) => ({ id: row.id, slug: row.slug, name: { ar: row.name_ar, en: row.name_en } })),
      entries: entries.map(toEntry),
    };
  }

  async article(organizationSlug: string, slug: string): Promise<HelpArticle> {
    const organization = await this.organization(organizationSlug);
    const [row] = await this.dataSource.query(
      `SELECT i.kind, i.slug, i.category_id, i.updated_at, v.id AS version_id, v.number, v.title_ar, v.title_en, v.body_ar, v.body_en, v.approval,
              v.approved_on::text AS approved_on, v.file_name, v.content_type, v.size_bytes, c.slug AS category_slug, c.name_ar AS category_ar, c.name_en AS category_en
       FROM shelf_items i JOIN shelf_versions v ON v.id = i.current_version_id LEFT JOIN shelf_categories c ON c.id = i.category_id
       WHERE i.organization_id = $1 AND i.slug = $2 AND i.audience = 'public' AND i.archived_at IS NULL`,
      [organization.id, slug],
    );
    if (!row) throw new NotFoundError('article');
    const text = row.kind === 'document'
      ? (await this.dataSource.query(`SELECT string_agg(body, E'\n\n' ORDER BY position) AS text FROM shelf_passages WHERE version_id = $1`, [row.version_id]))[0]?.text ?? null
      : null;
    return {
      ...toEntry(row), organization, versionNumber: row.number, body: { ar: row.body_ar, en: row.body_en }, approval: row.approval, approvedOn: row.approved_on,
      category: row.category_slug ? { slug: row.category_slug, name: { ar: row.category_ar, en: row.category_en } } : null,
      file: row.file_name ? { name: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes } : null, text,
    };
  }

  async file(organizationSlug: string, slug: string): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
    const organization = await this.organization(organizationSlug);
    const [row] = await this.dataSource.query(
      `SELECT v.file_key, v.file_name, v.content_type FROM shelf_items i JOIN shelf_versions v ON v.id = i.current_version_id
       WHERE i.organization_id = $1 AND i.slug = $2 AND i.audience = 'public' AND i.archived_at IS NULL AND v.file_key IS NOT NULL`,
      [organization.id, slug],
    );
    if (!row) throw new NotFoundError('file');
    return { fileName: row.file_name, contentType: row.content_type, bytes: await this.storage.get(row.file_key) };
  }

  async searchPublic(organizationSlug: string, q: string): Promise<{ organization: HelpOrganization; hits: ShelfHit[] }> {
    const organization = await this.organization(organizationSlug);
    return { organization, hits: await this.search.searchIn({ organizationId: organization.id, publicOnly: true }, q) };
  }

  /** "Was this helpful?" with an optional comment, kept for the admins against the version that was read. */
  async addFeedback(organizationSlug: string, slug: string, input: { helpful: boolean; comment?: string | null; locale: 'ar' | 'en' }): Promise<void> {
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > COMMENT_MAX) throw new InvalidError('comment', `A comment is at most ${COMMENT_MAX} characters`);
    const organization = await this.organization(organizationSlug);
    const rows = await this.dataSource.query(
      `INSERT INTO shelf_feedback (organization_id, item_id, version_number, locale, helpful, comment)
       SELECT i.organization_id, i.id, v.number, $3, $4, $5 FROM shelf_items i JOIN shelf_versions v ON v.id = i.current_version_id
       WHERE i.organization_id = $1 AND i.slug = $2 AND i.audience = 'public' AND i.archived_at IS NULL RETURNING id`,
      [organization.id, slug, input.locale, input.helpful, comment],
    );
    if (!rows.length) throw new NotFoundError('article');
  }

  private async organization(slug: string): Promise<HelpOrganization> {
    const [row] = await this.dataSource.query(`SELECT id, slug, name_ar, name_en FROM organizations WHERE slug = $1`, [slug]);
    if (!row) throw new NotFoundError('help center');
    return toOrganization(row);
  }
}

function toOrganization(row: Record<string, any>): HelpOrganization {
  return { id: row.id, slug: row.slug, name: { ar: row.name_ar, en: row.name_en } };
}

function toEntry(row: Record<string, any>): HelpEntry {
  return { kind: row.kind, slug: row.slug, title: { ar: row.title_ar, en: row.title_en }, categoryId: row.category_id, updatedAt: row.updated_at };
}
