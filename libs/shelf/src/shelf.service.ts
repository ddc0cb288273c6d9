import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ForbiddenError, InvalidError, NotFoundError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { isUniqueViolation } from '@inbox/database';
import { AttachmentStorage, contentTypeOf, FileKind, safeFileName, sniffFile } from '@inbox/storage';
import { Actor, hasRole, Role } from '@inbox/tenancy';
import { articleText, extractText, passages, sanitizeArticle, SHELF_TEXT_MAX, TextExtractionUnavailable } from './shelf-text';
import {
  ArticleInput, CategoryInput, DocumentInput, ShelfCategory, ShelfFeedback, ShelfItemDetail, ShelfItemSummary, ShelfKind, ShelfLanguage, ShelfVersionSummary,
} from './shelf.types';

/** Uploads above this are refused before anything is stored (the api's multipart limit is the same). */
export const SHELF_FILE_MAX_BYTES = 20 * 1024 * 1024;
const ARTICLE_MAX_CHARS = 200_000;
const SHELF_FILE_KINDS: FileKind[] = ['pdf', 'docx', 'jpeg', 'png', 'webp'];

/** Who keeps the shelf: admins and supervisors. Everyone on the staff reads it. */
export const canEditShelf = (actor: Actor) => hasRole(actor, Role.Admin, Role.Supervisor);

const ITEM_COLUMNS = `
  i.id, i.kind, i.slug, i.audience, i.category_id, i.archived_at, i.updated_at, o.slug AS organization_slug,
  v.number, v.language, v.title_ar, v.title_en, v.approval, v.approved_on::text AS approved_on, v.change_note, v.file_name, v.content_type,
  v.size_bytes, v.text_source, v.text_chars, v.created_at AS version_created_at, u.name AS version_created_by,
  (SELECT count(*) FILTER (WHERE f.helpful)::int FROM shelf_feedback f WHERE f.item_id = i.id) AS helpful,
  (SELECT count(*) FILTER (WHERE NOT f.helpful)::int FROM shelf_feedback f WHERE f.item_id = i.id) AS not_helpful`;
const ITEM_FROM = `
  FROM shelf_items i JOIN organizations o ON o.id = i.organization_id
  JOIN shelf_versions v ON v.id = i.current_version_id LEFT JOIN users u ON u.id = v.created_by`;

/** Where the help center shows a public item. */
export const publicPath = (organizationSlug: string, slug: string) => `/help/${organizationSlug}/a/${slug}`;

/**
 * The reference shelf: documents and articles with their versions, and the
 * categories the help center is arranged by. Every write makes a new
 * version (the old ones stay, readable and restorable) and is audited;
 * the version's text is cut into the passages search answers with.
 */
@Injectable()
export class ShelfService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
    private readonly audit: AuditService,
  ) {}

  async categories(actor: Actor): Promise<ShelfCategory[]> {
    const rows = await this.dataSource.query(
      `SELECT id, slug, name_ar, name_en, position FROM shelf_categories WHERE organization_id = $1 ORDER BY position, name_ar`,
      [actor.organizationId],
    );
    return rows.map(toCategory);
  }

  async createCategory(actor: Actor, input: CategoryInput): Promise<ShelfCategory> {
    this.mustEdit(actor);
    const [row] = await this.unique('slug', 'A category with this address already exists', () => this.dataSource.query(
      `INSERT INTO shelf_categories (organization_id, slug, name_ar, name_en, position) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, slug, name_ar, name_en, position`,
      [actor.organizationId, input.slug, input.nameAr.trim(), input.nameEn.trim(), input.position ?? 0],
    ));
    await this.changed(actor, 'shelf_category.created', 'shelf_category', row.id, { ...input });
    return toCategory(row);
  }

  async updateCategory(actor: Actor, id: string, input: Partial<CategoryInput>): Promise<ShelfCategory> {
    this.mustEdit(actor);
    const [rows] = await this.unique('slug', 'A category with this address already exists', () => this.dataSource.query(
      `UPDATE shelf_categories SET slug = coalesce($3, slug), name_ar = coalesce($4, name_ar), name_en = coalesce($5, name_en), position = coalesce($6, position)
       WHERE id = $1 AND organization_id = $2 RETURNING id, slug, name_ar, name_en, position`,
      [id, actor.organizationId, input.slug ?? null, input.nameAr?.trim() ?? null, input.nameEn?.trim() ?? null, input.position ?? null],
    ));
    if (!rows?.length) throw new NotFoundError('category');
    await this.changed(actor, 'shelf_category.updated', 'shelf_category', id, { ...input });
    return toCategory(rows[0]);
  }

  async removeCategory(actor: Actor, id: string): Promise<void> {
    this.mustEdit(actor);
    const [, count] = await this.dataSource.query(`DELETE FROM shelf_categories WHERE id = $1 AND organization_id = $2`, [id, actor.organizationId]);
    if (!count) throw new NotFoundError('category');
    await this.changed(actor, 'shelf_category.deleted', 'shelf_category', id, {});
  }

  /** The shelf's items, newest first; archived ones only for those who keep the shelf, on request. */
  async list(actor: Actor, filter: { kind?: ShelfKind; categoryId?: string; archived?: boolean } = {}): Promise<ShelfItemSummary[]> {
    const params: unknown[] = [actor.organizationId];
    const where = ['i.organization_id = $1', filter.archived && canEditShelf(actor) ? 'i.archived_at IS NOT NULL' : 'i.archived_at IS NULL'];
    if (filter.kind) where.push(`i.kind = $${params.push(filter.kind)}`);
    if (filter.categoryId) where.push(`i.category_id = $${params.push(filter.categoryId)}`);
    const rows = await this.dataSource.query(`SELECT ${ITEM_COLUMNS} ${ITEM_FROM} WHERE ${where.join(' AND ')} ORDER BY i.updated_at DESC LIMIT 500`, params);
    return rows.map(toSummary);
  }

  async get(actor: Actor, id: string): Promise<ShelfItemDetail> {
    const [row] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS}, v.body_ar, v.body_en, v.id AS version_id ${ITEM_FROM} WHERE i.id = $1 AND i.organization_id = $2`,
      [id, actor.organizationId],
    );
    if (!row || (row.archived_at && !canEditShelf(actor))) throw new NotFoundError('shelf item');
    const versions = await this.dataSource.query(
      `SELECT v.number, v.language, v.title_ar, v.title_en, v.approval, v.approved_on::text AS approved_on, v.change_note, v.file_name, v.content_type,
              v.size_bytes, v.text_source, v.text_chars, v.created_at AS version_created_at, u.name AS version_created_by
       FROM shelf_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.item_id = $1 ORDER BY v.number DESC`,
      [id],
    );
    const text = row.kind === 'document'
      ? (await this.dataSource.query(`SELECT string_agg(body, E'\n\n' ORDER BY position) AS text FROM shelf_passages WHERE version_id = $1`, [row.version_id]))[0]?.text ?? ''
      : null;
    return {
      ...toSummary(row),
      body: { ar: row.body_ar, en: row.body_en },
      text,
      versions: versions.map((version: Record<string, unknown>) => toVersion(version, Number(version.number) === Number(row.number))),
    };
  }

  /** A version's file, for whoever may read the shelf. */
  async file(actor: Actor, id: string, number?: number): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
    const [row] = await this.dataSource.query(
      `SELECT v.file_key, v.file_name, v.content_type, i.archived_at FROM shelf_items i
       JOIN shelf_versions v ON v.item_id = i.id AND ${number ? 'v.number = $3' : 'v.id = i.current_version_id'}
       WHERE i.id = $1 AND i.organization_id = $2`,
      number ? [id, actor.organizationId, number] : [id, actor.organizationId],
    );
    if (!row?.file_key || (row.archived_at && !canEditShelf(actor))) throw new NotFoundError('file');
    return { fileName: row.file_name, contentType: row.content_type, bytes: await this.storage.get(row.file_key) };
  }

  async createArticle(actor: Actor, input: ArticleInput): Promise<ShelfItemDetail> {
    this.mustEdit(actor);
    const article = checkArticle(input);
    const id = await this.dataSource.transaction(async (manager) => {
      const itemId = await this.newItem(manager, actor, 'article', input);
      await this.addVersion(manager, actor, itemId, { ...article, language: languageOf(article.bodyAr, article.bodyEn), textSource: 'written' });
      return itemId;
    });
    await this.changed(actor, 'shelf_item.created', 'shelf_item', id, { kind: 'article', slug: input.slug, audience: input.audience ?? 'internal' });
    return this.get(actor, id);
  }

  async reviseArticle(actor: Actor, id: string, input: ArticleInput): Promise<ShelfItemDetail> {
    this.mustEdit(actor);
    const article = checkArticle(input);
    const number = await this.dataSource.transaction(async (manager) => {
      await this.lockItem(manager, actor, id, 'article');
      return this.addVersion(manager, actor, id, { ...article, language: languageOf(article.bodyAr, article.bodyEn), textSource: 'written' });
    });
    await this.changed(actor, 'shelf_item.revised', 'shelf_item', id, { version: number, changeNote: input.changeNote ?? null });
    return this.get(actor, id);
  }

  async createDocument(actor: Actor, input: DocumentInput): Promise<ShelfItemDetail> {
    this.mustEdit(actor);
    const document = await this.readDocument(input);
    const id = await this.dataSource.transaction(async (manager) => {
      const itemId = await this.newItem(manager, actor, 'document', input);
      await this.addVersion(manager, actor, itemId, document);
      return itemId;
    });
    await this.changed(actor, 'shelf_item.created', 'shelf_item', id, { kind: 'document', slug: input.slug, audience: input.audience ?? 'internal', file: document.fileName });
    return this.get(actor, id);
  }

  async reviseDocument(actor: Actor, id: string, input: DocumentInput): Promise<ShelfItemDetail> {
    this.mustEdit(actor);
    const document = await this.readDocument(input);
    const number = await this.dataSource.transaction(async (manager) => {
      await this.lockItem(manager, actor, id, 'document');
      return this.addVersion(manager, actor, id, document);
    });
    await this.changed(actor, 'shelf_item.revised', 'shelf_item', id, { version: number, file: document.fileName, changeNote: input.changeNote ?? null });
    return this.get(actor, id);
  }

  /** Where an item is filed and who may read it, its address, or archived (gone from search and the help center, kept for the record). */
  async updateItem(actor: Actor, id: string, input: { slug?: string; categoryId?: string | null; audience?: 'internal' | 'public'; archived?: boolean }): Promise<ShelfItemDetail> {
    this.mustEdit(actor);
    if (input.categoryId) await this.checkCategory(actor, input.categoryId);
    const [rows] = await this.unique('slug', 'Another item already has this address', () => this.dataSource.query(
      `UPDATE shelf_items SET slug = coalesce($3, slug), audience = coalesce($4, audience),
         category_id = CASE WHEN $5 THEN $6::uuid ELSE category_id END,
         archived_at = CASE WHEN $7::boolean IS NULL THEN archived_at WHEN $7 THEN coalesce(archived_at, now()) ELSE NULL END,
         updated_at = now()
       WHERE id = $1 AND organization_id = $2 RETURNING id`,
      [id, actor.organizationId, input.slug ?? null, input.audience ?? null, input.categoryId !== undefined, input.categoryId ?? null, input.archived ?? null],
    ));
    if (!rows?.length) throw new NotFoundError('shelf item');
    await this.changed(actor, 'shelf_item.updated', 'shelf_item', id, { ...input });
    return this.get(actor, id);
  }

  /** An older version made current again (the newer ones stay in the history). */
  async makeCurrent(actor: Actor, id: string, number: number): Promise<ShelfItemDetail> {
    this.mustEdit(actor);
    const [rows] = await this.dataSource.query(
      `UPDATE shelf_items i SET current_version_id = v.id, updated_at = now() FROM shelf_versions v
       WHERE i.id = $1 AND i.organization_id = $2 AND v.item_id = i.id AND v.number = $3 RETURNING i.id`,
      [id, actor.organizationId, number],
    );
    if (!rows?.length) throw new NotFoundError('version');
    await this.changed(actor, 'shelf_item.current_version', 'shelf_item', id, { version: number });
    return this.get(actor, id);
  }

  /** What the help center's readers said, newest first. */
  async feedback(actor: Actor, itemId?: string): Promise<ShelfFeedback[]> {
    this.mustEdit(actor);
    const params: unknown[] = [actor.organizationId];
    const rows = await this.dataSource.query(
      `SELECT f.id, f.item_id, f.version_number, f.locale, f.helpful, f.comment, f.created_at, v.title_ar, v.title_en
       FROM shelf_feedback f JOIN shelf_items i ON i.id = f.item_id JOIN shelf_versions v ON v.id = i.current_version_id
       WHERE f.organization_id = $1 ${itemId ? `AND f.item_id = $${params.push(itemId)}` : ''}
       ORDER BY f.created_at DESC LIMIT 200`,
      params,
    );
    return rows.map((row: Record<string, any>) => ({
      id: row.id, itemId: row.item_id, title: { ar: row.title_ar, en: row.title_en }, versionNumber: row.version_number, locale: row.locale,
      helpful: row.helpful, comment: row.comment, createdAt: row.created_at,
    }));
  }

  private mustEdit(actor: Actor): void {
    if (!canEditShelf(actor)) throw new ForbiddenError('Only admins and supervisors keep the reference shelf');
  }

  private async readDocument(input: DocumentInput): Promise<VersionFacts> {
    const { bytes } = input.file;
    if (!bytes.length) throw new InvalidError('file', 'The file is empty');
    if (bytes.length > SHELF_FILE_MAX_BYTES) throw new InvalidError('file', `The file is larger than ${SHELF_FILE_MAX_BYTES / 1024 / 1024} MB`);
    const kind = sniffFile(bytes);
    if (!kind || !SHELF_FILE_KINDS.includes(kind)) throw new InvalidError('file', 'Upload a PDF, a Word document (.docx) or an image of a scanned page (JPEG, PNG, WebP)');
    const entered = input.text?.trim() ?? '';
    let text = entered;
    let textSource: VersionFacts['textSource'] = 'entered';
    if (!entered) {
      if (kind !== 'pdf' && kind !== 'docx') throw new InvalidError('text', 'A scanned page has no text of its own: enter its text so it can be found');
      try {
        text = (await extractText(kind, bytes)).trim();
      } catch (error) {
        if (error instanceof TextExtractionUnavailable) throw new InvalidError('text', `The text could not be read here (${error.message}); enter it by hand`);
        throw error;
      }
      textSource = 'extracted';
    }
    if (text.length > SHELF_TEXT_MAX) throw new InvalidError('text', `The text is longer than ${SHELF_TEXT_MAX} characters; split the document`);
    const titles = checkTitles(input.titleAr, input.titleEn);
    const fileName = safeFileName(input.file.fileName, kind);
    const key = await this.storage.put(bytes, contentTypeOf(kind));
    return {
      ...titles, language: input.language, approval: clean(input.approval), approvedOn: input.approvedOn ?? null, changeNote: clean(input.changeNote),
      bodyAr: null, bodyEn: null, text, textSource, fileKey: key, fileName, contentType: contentTypeOf(kind), sizeBytes: bytes.length,
    };
  }

  private async newItem(manager: EntityManager, actor: Actor, kind: ShelfKind, input: { slug?: string; categoryId?: string | null; audience?: string }): Promise<string> {
    if (!input.slug) throw new InvalidError('slug', 'Give the item an address (letters, digits and dashes)');
    if (input.categoryId) await this.checkCategory(actor, input.categoryId, manager);
    const [row] = await this.unique('slug', 'Another item already has this address', () => manager.query(
      `INSERT INTO shelf_items (organization_id, kind, slug, category_id, audience, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [actor.organizationId, kind, input.slug, input.categoryId ?? null, input.audience ?? 'internal', actor.userId],
    ));
    return row.id;
  }

  private async lockItem(manager: EntityManager, actor: Actor, id: string, kind: ShelfKind): Promise<void> {
    const [row] = await manager.query(`SELECT kind FROM shelf_items WHERE id = $1 AND organization_id = $2 FOR UPDATE`, [id, actor.organizationId]);
    if (!row) throw new NotFoundError('shelf item');
    if (row.kind !== kind) throw new InvalidError('kind', `This item is ${row.kind === 'article' ? 'an article' : 'a document'}`);
  }

  /** The next version, its passages, and the item pointed at it. */
  private async addVersion(manager: EntityManager, actor: Actor, itemId: string, facts: VersionFacts): Promise<number> {
    const [{ number }] = await manager.query(`SELECT coalesce(max(number), 0) + 1 AS number FROM shelf_versions WHERE item_id = $1`, [itemId]);
    const [version] = await manager.query(
      `INSERT INTO shelf_versions (organization_id, item_id, number, language, title_ar, title_en, body_ar, body_en, approval, approved_on, change_note,
         file_key, file_name, content_type, size_bytes, text_source, text_chars, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
      [actor.organizationId, itemId, number, facts.language, facts.titleAr, facts.titleEn, facts.bodyAr, facts.bodyEn, facts.approval, facts.approvedOn,
        facts.changeNote, facts.fileKey ?? null, facts.fileName ?? null, facts.contentType ?? null, facts.sizeBytes ?? null, facts.textSource,
        facts.text.length, actor.userId],
    );
    const cut = versionPassages(facts);
    if (cut.length) {
      await manager.query(
        `INSERT INTO shelf_passages (organization_id, item_id, version_id, locale, position, body, search_vector)
         SELECT $1, $2, $3, p.locale, p.position, p.body,
                setweight(to_tsvector('simple', inbox_normalize(p.title)), 'C') || setweight(to_tsvector('simple', inbox_normalize(p.body)), 'A')
         FROM unnest($4::text[], $5::int[], $6::text[], $7::text[]) AS p(locale, position, body, title)`,
        [actor.organizationId, itemId, version.id, cut.map((p) => p.locale), cut.map((_, i) => i), cut.map((p) => p.body), cut.map((p) => p.title)],
      );
    }
    await manager.query(`UPDATE shelf_items SET current_version_id = $2, updated_at = now() WHERE id = $1`, [itemId, version.id]);
    return number;
  }

  private async checkCategory(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const [row] = await manager.query(`SELECT 1 FROM shelf_categories WHERE id = $1 AND organization_id = $2`, [id, actor.organizationId]);
    if (!row) throw new InvalidError('categoryId', 'No such category');
  }

  private async unique<T>(field: string, message: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error)) throw new InvalidError(field, message);
      throw error;
    }
  }

  private changed(actor: Actor, action: string, entityType: string, entityId: string, data: Record<string, unknown>): Promise<void> {
    return this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action, entityType, entityId, data });
  }
}

interface VersionFacts {
  language: ShelfLanguage;
  titleAr: string | null;
  titleEn: string | null;
  bodyAr: string | null;
  bodyEn: string | null;
  approval: string | null;
  approvedOn: string | null;
  changeNote: string | null;
  text: string;
  textSource: 'extracted' | 'entered' | 'written';
  fileKey?: string;
  fileName?: string;
  contentType?: string;
  sizeBytes?: number;
}

const clean = (value: string | null | undefined) => value?.trim() || null;

function checkTitles(titleAr: string | null | undefined, titleEn: string | null | undefined): { titleAr: string | null; titleEn: string | null } {
  const titles = { titleAr: clean(titleAr), titleEn: clean(titleEn) };
  if (!titles.titleAr && !titles.titleEn) throw new InvalidError('titleAr', 'Give a title in Arabic or in English');
  return titles;
}

function checkArticle(input: ArticleInput): VersionFacts {
  const bodyAr = input.bodyAr ? sanitizeArticle(input.bodyAr) : '';
  const bodyEn = input.bodyEn ? sanitizeArticle(input.bodyEn) : '';
  const textAr = bodyAr ? articleText(bodyAr).trim() : '';
  const textEn = bodyEn ? articleText(bodyEn).trim() : '';
  if (!textAr && !textEn) throw new InvalidError('bodyAr', 'Write the article in Arabic or in English');
  if (bodyAr.length > ARTICLE_MAX_CHARS || bodyEn.length > ARTICLE_MAX_CHARS) throw new InvalidError('bodyAr', `An article is at most ${ARTICLE_MAX_CHARS} characters`);
  const titles = checkTitles(input.titleAr, input.titleEn);
  if (textAr && !titles.titleAr) throw new InvalidError('titleAr', 'The Arabic version needs its title');
  if (textEn && !titles.titleEn) throw new InvalidError('titleEn', 'The English version needs its title');
  return {
    ...titles, language: 'both', bodyAr: textAr ? bodyAr : null, bodyEn: textEn ? bodyEn : null, approval: clean(input.approval),
    approvedOn: input.approvedOn ?? null, changeNote: clean(input.changeNote), text: [textAr, textEn].filter(Boolean).join('\n\n'), textSource: 'written',
  };
}

const languageOf = (bodyAr: string | null, bodyEn: string | null): ShelfLanguage => (bodyAr && bodyEn ? 'both' : bodyAr ? 'ar' : 'en');

/** An article is cut per language (each passage carries its language's title); a document as one text under both titles. */
function versionPassages(facts: VersionFacts): { locale: 'ar' | 'en' | null; body: string; title: string }[] {
  if (facts.textSource === 'written') {
    return (['ar', 'en'] as const).flatMap((locale) => {
      const body = locale === 'ar' ? facts.bodyAr : facts.bodyEn;
      const title = (locale === 'ar' ? facts.titleAr : facts.titleEn) ?? '';
      return body ? passages(articleText(body)).map((text) => ({ locale, body: text, title })) : [];
    });
  }
  const title = [facts.titleAr, facts.titleEn].filter(Boolean).join(' ');
  const locale = facts.language === 'both' ? null : facts.language;
  return passages(facts.text).map((body) => ({ locale, body, title }));
}

function toCategory(row: Record<string, any>): ShelfCategory {
  return { id: row.id, slug: row.slug, name: { ar: row.name_ar, en: row.name_en }, position: row.position };
}

function toVersion(row: Record<string, any>, current: boolean): ShelfVersionSummary {
  return {
    number: Number(row.number), language: row.language, title: { ar: row.title_ar, en: row.title_en }, approval: row.approval, approvedOn: row.approved_on,
    changeNote: row.change_note, file: row.file_name ? { name: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes } : null,
    textSource: row.text_source, textChars: row.text_chars, createdAt: row.version_created_at, createdBy: row.version_created_by ?? null, current,
  };
}

function toSummary(row: Record<string, any>): ShelfItemSummary {
  return {
    id: row.id, kind: row.kind, slug: row.slug, audience: row.audience, categoryId: row.category_id, archived: !!row.archived_at, updatedAt: row.updated_at,
    current: toVersion(row, true), publicPath: row.audience === 'public' ? publicPath(row.organization_slug, row.slug) : null,
    feedback: { helpful: row.helpful, notHelpful: row.not_helpful },
  };
}
