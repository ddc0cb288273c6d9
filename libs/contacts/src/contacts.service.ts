import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, decodeCursor, encodeCursor, InvalidError, NotFoundError, normalizeArabic } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { isUniqueViolation } from '@inbox/database';
import { Actor, confidentialAccessSql } from '@inbox/tenancy';
import { ContactIdentity } from './contact-identity.entity';
import { Contact, ContactKind, Gender } from './contact.entity';
import { Identity, identityFromQuery, normalizeIdentity } from './identity-normalizer';

export interface ContactUpdate {
  name?: string | null;
  gender?: Gender | null;
  kind?: ContactKind;
  branchId?: string | null;
  notes?: string | null;
  addIdentities?: Identity[];
  removeIdentityIds?: string[];
}

export interface ContactTicketSummary {
  id: string;
  reference: string;
  subject: string;
  status: string;
  type: string;
  channelKind: string;
  lastActivityAt: Date;
}

export interface ContactDetail extends Contact {
  identities: ContactIdentity[];
  tickets: ContactTicketSummary[];
}

export interface ContactPage {
  items: (Contact & { identities: ContactIdentity[] })[];
  nextCursor: string | null;
}

/** Words for to_tsquery: normalised like the indexed text, each a prefix match. */
export function prefixQuery(text: string): string | null {
  const words = normalizeArabic(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, query: { q?: string; cursor?: string; limit: number }): Promise<ContactPage> {
    const params: unknown[] = [actor.organizationId];
    const where = ['c.organization_id = $1'];
    const identity = query.q ? identityFromQuery(query.q) : null;
    if (identity) {
      params.push(identity.value);
      where.push(`c.id IN (SELECT contact_id FROM contact_identities WHERE organization_id = $1 AND value = $${params.length})`);
    } else if (query.q) {
      const tsquery = prefixQuery(query.q);
      if (!tsquery) return { items: [], nextCursor: null };
      params.push(tsquery);
      where.push(`c.search_vector @@ to_tsquery('simple', $${params.length})`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.at, cursor.id);
      where.push(`(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM contacts c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${params.length}`,
      params,
    );
    const ids = rows.slice(0, query.limit).map((r) => r.id);
    const contacts = ids.length ? await this.dataSource.getRepository(Contact).findByIds(ids) : [];
    const identities = ids.length ? await this.identitiesOf(ids) : [];
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const items = ids.map((id) => ({ ...byId.get(id)!, identities: identities.filter((i) => i.contactId === id) }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async detail(actor: Actor, id: string): Promise<ContactDetail> {
    const contact = await this.findOwned(actor, id);
    const identities = await this.identitiesOf([id]);
    const tickets: ContactTicketSummary[] = await this.dataSource.query(
      `SELECT id, reference, subject, status, type, channel_kind AS "channelKind", last_activity_at AS "lastActivityAt"
       FROM tickets t WHERE organization_id = $1 AND contact_id = $2 AND ${confidentialAccessSql(actor, 't', '$3')}
       ORDER BY last_activity_at DESC LIMIT 200`,
      [actor.organizationId, id, actor.userId],
    );
    return { ...contact, identities, tickets };
  }

  async update(actor: Actor, id: string, update: ContactUpdate): Promise<ContactDetail> {
    await this.findOwned(actor, id);
    const { addIdentities = [], removeIdentityIds = [], ...fields } = update;
    try {
      await this.dataSource.transaction(async (manager) => {
        if (Object.keys(fields).length > 0) {
          await manager.update(Contact, { id, organizationId: actor.organizationId }, fields);
        }
        for (const identity of addIdentities) {
          const normalized = normalizeIdentity(identity.kind, identity.value, 'addIdentities');
          await manager.insert(ContactIdentity, { organizationId: actor.organizationId, contactId: id, ...normalized });
        }
        if (removeIdentityIds.length > 0) {
          await manager.createQueryBuilder().delete().from(ContactIdentity)
            .where('id IN (:...ids) AND contact_id = :id AND organization_id = :org', { ids: removeIdentityIds, id, org: actor.organizationId })
            .execute();
        }
        await this.audit.record({
          organizationId: actor.organizationId, actorUserId: actor.userId, action: 'contact.updated', entityType: 'contact', entityId: id,
          data: { fields: Object.keys(fields), addedIdentities: addIdentities.length, removedIdentities: removeIdentityIds.length },
        }, manager);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('This identity already belongs to another contact; merge the two contacts instead', { field: 'addIdentities' });
      throw error;
    }
    return this.detail(actor, id);
  }

  /**
   * Folds `sourceId` into `targetId`: identities, tickets and message authorship
   * move, empty profile fields are filled from the source, and the source is
   * removed. The audit event keeps a full copy of what the source was.
   */
  async merge(actor: Actor, targetId: string, sourceId: string): Promise<ContactDetail> {
    if (targetId === sourceId) throw new InvalidError('sourceId', 'A contact cannot be merged into itself');
    await this.dataSource.transaction(async (manager) => {
      const [target, source] = await Promise.all([this.findOwned(actor, targetId, manager), this.findOwned(actor, sourceId, manager)]);
      // The same per-contact locks ingest takes (inbox_ingest), in a fixed order, so no message lands mid-merge.
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended(id::text, 727)) FROM unnest($1::uuid[]) AS id ORDER BY id`, [[targetId, sourceId].sort()],
      );
      await manager.query(`SELECT id FROM contacts WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[targetId, sourceId]]);
      const sourceIdentities = await manager.find(ContactIdentity, { where: { contactId: sourceId } });
      const moved = {
        identities: (await manager.query(`UPDATE contact_identities SET contact_id = $1 WHERE contact_id = $2 RETURNING id`, [targetId, sourceId]))[0].length,
        tickets: (await manager.query(`UPDATE tickets SET contact_id = $1, updated_at = now() WHERE contact_id = $2 RETURNING id`, [targetId, sourceId]))[0].length,
        messages: (await manager.query(`UPDATE messages SET sender_contact_id = $1 WHERE sender_contact_id = $2 RETURNING id`, [targetId, sourceId]))[0].length,
      };
      await manager.update(Contact, { id: targetId }, {
        name: target.name ?? source.name,
        gender: target.gender ?? source.gender,
        branchId: target.branchId ?? source.branchId,
        notes: [target.notes, source.notes].filter(Boolean).join('\n\n') || null,
      });
      // A permanent beneficiary stays one, reviewed at the nearer date; the reviews already opened move with the tickets.
      await manager.query(
        `UPDATE contacts t SET permanent_beneficiary = t.permanent_beneficiary OR s.permanent_beneficiary,
           review_every_months = coalesce(least(t.review_every_months, s.review_every_months), t.review_every_months, s.review_every_months),
           next_review_on = coalesce(least(t.next_review_on, s.next_review_on), t.next_review_on, s.next_review_on)
         FROM contacts s WHERE t.id = $1 AND s.id = $2`,
        [targetId, sourceId],
      );
      await manager.query(
        `UPDATE beneficiary_reviews r SET contact_id = $1 WHERE contact_id = $2
           AND NOT EXISTS (SELECT 1 FROM beneficiary_reviews o WHERE o.contact_id = $1 AND o.due_on = r.due_on)`,
        [targetId, sourceId],
      );
      await manager.delete(Contact, { id: sourceId });
      await this.audit.record({
        organizationId: actor.organizationId, actorUserId: actor.userId, action: 'contact.merged', entityType: 'contact', entityId: targetId,
        data: { source, sourceIdentities, moved },
      }, manager);
    });
    return this.detail(actor, targetId);
  }

  private identitiesOf(contactIds: string[]): Promise<ContactIdentity[]> {
    return this.dataSource.getRepository(ContactIdentity).createQueryBuilder('i')
      .where('i.contactId IN (:...contactIds)', { contactIds })
      .orderBy('i.createdAt', 'ASC')
      .getMany();
  }

  private async findOwned(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<Contact> {
    const contact = await manager.findOne(Contact, { where: { id, organizationId: actor.organizationId } });
    if (!contact) throw new NotFoundError('contact');
    return contact;
  }
}
