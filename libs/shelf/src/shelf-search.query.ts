import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prefixQuery } from '@inbox/contacts';
import { TicketsService } from '@inbox/tickets';
import { Actor } from '@inbox/tenancy';
import { publicPath } from './shelf.service';
import { highlight, queryTerms, suggestionQuery } from './shelf-text';
import { ShelfHit } from './shelf.types';

const HITS = 10;
/** Passages looked at before they are grouped by item: enough for ten items with a few passages each. */
const PASSAGE_POOL = 80;

export interface ShelfSearchScope {
  organizationId: string;
  /** The help center sees public items only. */
  publicOnly: boolean;
}

/**
 * Search over the shelf's current versions with the same Arabic
 * normalisation as ticket search (`inbox_normalize`, prefix words): a word
 * written with another alef form, without its taa marbuta dots or with
 * diacritics finds the same passage. Each item comes back once, with the
 * passage that ranked best.
 */
@Injectable()
export class ShelfSearchQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly tickets: TicketsService) {}

  search(actor: Actor, q: string): Promise<ShelfHit[]> {
    return this.searchIn({ organizationId: actor.organizationId, publicOnly: false }, q);
  }

  async searchIn(scope: ShelfSearchScope, q: string): Promise<ShelfHit[]> {
    const tsquery = prefixQuery(q);
    return tsquery ? this.run(scope, tsquery, queryTerms(tsquery)) : [];
  }

  /** Passages for what the ticket is about: its subject and the person's latest messages (the ticket's visibility rule first: 404 for one the user cannot see). */
  async suggestions(actor: Actor, ticketId: string): Promise<ShelfHit[]> {
    const ticket = await this.tickets.visibleTicket(actor, ticketId);
    const messages: { body: string }[] = await this.dataSource.query(
      `SELECT body FROM messages WHERE ticket_id = $1 AND organization_id = $2 AND direction = 'inbound' AND body IS NOT NULL
       ORDER BY created_at DESC LIMIT 3`,
      [ticket.id, actor.organizationId],
    );
    const tsquery = suggestionQuery([ticket.subject ?? '', ...messages.map((m) => m.body)].join('\n'));
    if (!tsquery) return [];
    return this.run({ organizationId: actor.organizationId, publicOnly: false }, tsquery, queryTerms(tsquery), 5);
  }

  private async run(scope: ShelfSearchScope, tsquery: string, terms: string[], limit = HITS): Promise<ShelfHit[]> {
    const rows = await this.dataSource.query(
      `WITH q AS (SELECT to_tsquery('simple', $2) AS query),
       matched AS (
         SELECT p.item_id, p.version_id, p.locale, p.position, p.body, ts_rank(p.search_vector, q.query) AS rank
         FROM shelf_passages p JOIN shelf_items i ON i.id = p.item_id AND i.current_version_id = p.version_id, q
         WHERE p.organization_id = $1 AND p.search_vector @@ q.query AND i.archived_at IS NULL ${scope.publicOnly ? `AND i.audience = 'public'` : ''}
         ORDER BY rank DESC, p.position LIMIT ${PASSAGE_POOL}),
       best AS (SELECT DISTINCT ON (item_id) * FROM matched ORDER BY item_id, rank DESC, position)
       SELECT b.*, i.kind, i.slug, i.audience, o.slug AS organization_slug, v.number, v.title_ar, v.title_en, v.approval, v.approved_on::text AS approved_on
       FROM best b JOIN shelf_items i ON i.id = b.item_id JOIN shelf_versions v ON v.id = b.version_id JOIN organizations o ON o.id = i.organization_id
       ORDER BY b.rank DESC, v.title_ar LIMIT ${limit}`,
      [scope.organizationId, tsquery],
    );
    return rows.map((row: Record<string, any>): ShelfHit => ({
      itemId: row.item_id, kind: row.kind, slug: row.slug, audience: row.audience, title: { ar: row.title_ar, en: row.title_en },
      versionNumber: row.number, approval: row.approval, approvedOn: row.approved_on, passage: row.body, passageLocale: row.locale,
      segments: highlight(row.body, terms), publicPath: row.audience === 'public' ? publicPath(row.organization_slug, row.slug) : null,
    }));
  }
}
