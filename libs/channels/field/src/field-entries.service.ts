import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidError, NotFoundError } from '@inbox/core';
import { ChannelKind, SenderIdentityKind, TicketType } from '@inbox/channels/contract';
import { normalizeNationalId, normalizePhone } from '@inbox/contacts';
import { IngestService } from '@inbox/ingest';
import { AttachmentStorage } from '@inbox/storage';
import { Actor } from '@inbox/tenancy';
import { TicketsService } from '@inbox/tickets';
import { FieldAccounts } from './field-accounts';

export const FieldEntryKind = { FieldContact: 'field_contact', WalkIn: 'walk_in', EligibilityVisit: 'eligibility_visit' } as const;
export type FieldEntryKind = (typeof FieldEntryKind)[keyof typeof FieldEntryKind];

export interface FieldEntryInput {
  /** The device's id for the entry, made when it was written (offline too): the same key again is the same entry. */
  clientKey: string;
  kind: FieldEntryKind;
  occurredAt: Date;
  contactId?: string;
  /** A person not found: their details, saved with the entry (ingest makes the contact). */
  person?: { name?: string; gender?: 'male' | 'female'; phone?: string; nationalId?: string };
  notes: string;
  photos?: { fileName: string; bytes: Buffer }[];
  position?: { latitude: number; longitude: number; accuracyMeters?: number };
  ticketId?: string;
  /** A new matter: open a new ticket rather than joining the person's open field ticket. */
  newTicket?: boolean;
  /**
   * The report of a case visit the user was sent on (checked by the caller):
   * it goes on the case's ticket, which the visitor may not otherwise see.
   */
  visit?: { id: string; ticketReference: string };
}

export interface FieldEntryResult {
  entryId: string;
  /** True when this key was synced before: nothing new was written. */
  duplicate: boolean;
  ticketId: string;
  ticketReference: string;
  messageId: string;
  contactId: string;
}

export interface Beneficiary {
  id: string;
  name: string | null;
  gender: 'male' | 'female' | null;
  branchId: string | null;
  identities: { kind: string; value: string }[];
  openTickets: { id: string; reference: string; type: string; status: string; subject: string }[];
}

const TYPES: Record<FieldEntryKind, TicketType> = { field_contact: 'field_visit', walk_in: 'inquiry', eligibility_visit: 'field_visit' };
const TITLES: Record<FieldEntryKind, string> = { field_contact: 'تواصل ميداني', walk_in: 'مقابلة حضورية في الفرع', eligibility_visit: 'زيارة دراسة استحقاق' };
const PHOTOS = { count: 10, bytes: 8 * 1024 * 1024 };

const photoKind = (bytes: Buffer): 'image/jpeg' | 'image/png' | null =>
  bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? 'image/jpeg'
    : bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ? 'image/png' : null;

/**
 * What branch delegates log from the field or the branch office: find the
 * beneficiary (or describe a new one), write the contact, interview or
 * visit with notes, photos and position. It becomes a message through
 * ingest on the branch's field account (the beneficiary's open field ticket,
 * or a new one routed to the branch's section). Each entry carries the key
 * its device gave it, so an offline queue that sends it again, or twice at
 * once, writes it once.
 */
@Injectable()
export class FieldEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: FieldAccounts,
    private readonly ingest: IngestService,
    private readonly tickets: TicketsService,
    private readonly storage: AttachmentStorage,
  ) {}

  async findBeneficiary(actor: Actor, query: { phone?: string; nationalId?: string }): Promise<Beneficiary | null> {
    const value = query.nationalId ? normalizeNationalId(query.nationalId, 'nationalId') : query.phone ? normalizePhone(query.phone, 'phone') : null;
    if (!value) throw new InvalidError('phone', 'Search by phone or national id');
    const [contact] = await this.dataSource.query(
      `SELECT c.id, c.name, c.gender, c.branch_id AS "branchId" FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
       WHERE i.organization_id = $1 AND i.value = $2 LIMIT 1`,
      [actor.organizationId, value],
    );
    if (!contact) return null;
    const identities = await this.dataSource.query(
      `SELECT kind, value FROM contact_identities WHERE contact_id = $1 AND kind IN ('phone', 'national_id', 'whatsapp') ORDER BY created_at`, [contact.id],
    );
    const tickets: (Beneficiary['openTickets'][number] & { confidential: boolean; teamId: string | null; assigneeId: string | null })[] = await this.dataSource.query(
      `SELECT id, reference, type, status, subject, confidential, team_id AS "teamId", assignee_id AS "assigneeId" FROM tickets
       WHERE contact_id = $1 AND status IN ('new', 'open', 'pending') AND NOT confidential ORDER BY last_activity_at DESC LIMIT 20`,
      [contact.id],
    );
    const visible = await Promise.all(tickets.map((t) => this.tickets.canSee(actor, t)));
    return {
      ...contact, identities,
      openTickets: tickets.filter((_, i) => visible[i]).map(({ confidential: _c, teamId: _t, assigneeId: _a, ...t }) => t),
    };
  }

  async log(actor: Actor, input: FieldEntryInput): Promise<FieldEntryResult> {
    const earlier = await this.existing(actor, input.clientKey);
    if (earlier) return earlier;
    const sender = await this.senderOf(actor, input);
    const ticket = input.visit ? { reference: input.visit.ticketReference }
      : input.ticketId ? await this.tickets.visibleTicket(actor, input.ticketId) : null;
    const photos = await this.storePhotos(input.photos ?? []);
    const [user] = await this.dataSource.query(`SELECT name, branch_id FROM users WHERE id = $1`, [actor.userId]);
    const account = await this.accounts.accountFor(actor.organizationId, user?.branch_id ?? null);
    const position = input.position ? { latitude: input.position.latitude, longitude: input.position.longitude, accuracyMeters: input.position.accuracyMeters ?? null } : null;
    const result = await this.ingest.ingest({
      channelKind: ChannelKind.Field, channelAccountId: account, externalId: `${actor.userId}:${input.clientKey}`,
      sender, text: `${TITLES[input.kind]}\n${input.notes.trim()}`, attachments: photos, sentAt: input.occurredAt,
      threadHints: ticket ? { ticketReference: ticket.reference } : input.newTicket ? { explicitOnly: true } : undefined,
      typeHint: TYPES[input.kind],
      metadata: {
        field: { kind: input.kind, delegateId: actor.userId, delegateName: user?.name ?? null, occurredAt: input.occurredAt.toISOString(), position, ...(input.visit ? { visitId: input.visit.id } : {}) },
      },
    });
    await this.dataSource.query(
      `INSERT INTO field_entries (organization_id, user_id, client_key, kind, occurred_at, latitude, longitude, accuracy_meters, contact_id, ticket_id, message_id, visit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (user_id, client_key) DO NOTHING`,
      [actor.organizationId, actor.userId, input.clientKey, input.kind, input.occurredAt, position?.latitude ?? null, position?.longitude ?? null,
        position?.accuracyMeters ?? null, result.contactId, result.ticketId, result.messageId, input.visit?.id ?? null],
    );
    const entry = await this.existing(actor, input.clientKey);
    return { ...entry!, duplicate: result.duplicate };
  }

  /** The delegate's own recent entries, for the page's "synced" list. */
  recent(actor: Actor, limit: number) {
    return this.dataSource.query(
      `SELECT e.id, e.client_key AS "clientKey", e.kind, e.occurred_at AS "occurredAt", e.created_at AS "syncedAt", t.reference AS "ticketReference",
              c.name AS "contactName"
       FROM field_entries e LEFT JOIN tickets t ON t.id = e.ticket_id LEFT JOIN contacts c ON c.id = e.contact_id
       WHERE e.user_id = $1 ORDER BY e.created_at DESC LIMIT $2`,
      [actor.userId, limit],
    );
  }

  private async existing(actor: Actor, clientKey: string): Promise<FieldEntryResult | null> {
    const [row] = await this.dataSource.query(
      `SELECT e.id, e.ticket_id, e.message_id, e.contact_id, t.reference FROM field_entries e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.user_id = $1 AND e.client_key = $2`,
      [actor.userId, clientKey],
    );
    return row ? { entryId: row.id, duplicate: true, ticketId: row.ticket_id, ticketReference: row.reference, messageId: row.message_id, contactId: row.contact_id } : null;
  }

  private async senderOf(actor: Actor, input: FieldEntryInput): Promise<{ name: string | null; gender: 'male' | 'female' | null; identities: { kind: SenderIdentityKind; value: string }[] }> {
    if (input.contactId) {
      const identities = await this.dataSource.query(
        `SELECT i.kind, i.value FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE c.id = $1 AND c.organization_id = $2 ORDER BY i.created_at LIMIT 1`,
        [input.contactId, actor.organizationId],
      );
      if (!identities.length) throw new NotFoundError('contact');
      return { name: null, gender: null, identities };
    }
    const person = input.person ?? {};
    const identities: { kind: SenderIdentityKind; value: string }[] = [];
    if (person.nationalId) identities.push({ kind: 'national_id', value: normalizeNationalId(person.nationalId, 'person.nationalId') });
    if (person.phone) identities.push({ kind: 'phone', value: normalizePhone(person.phone, 'person.phone') });
    if (!identities.length) throw new InvalidError('person', 'Choose the beneficiary, or give a new one\'s phone or national id');
    return { name: person.name?.trim() || null, gender: person.gender ?? null, identities };
  }

  private async storePhotos(photos: { fileName: string; bytes: Buffer }[]) {
    if (photos.length > PHOTOS.count) throw new InvalidError('photos', `At most ${PHOTOS.count} photos`);
    const checked = photos.map((photo, index) => {
      const contentType = photoKind(photo.bytes);
      if (!contentType) throw new InvalidError(`photos.${index}`, `${photo.fileName} is not a JPEG or PNG photo`);
      if (photo.bytes.length > PHOTOS.bytes) throw new InvalidError(`photos.${index}`, `${photo.fileName} is larger than ${PHOTOS.bytes / 1024 / 1024} MB`);
      return { photo, contentType };
    });
    return Promise.all(checked.map(async ({ photo, contentType }) => ({
      storageKey: await this.storage.put(photo.bytes, contentType), fileName: photo.fileName.split(/[\\/]/).pop()!.slice(0, 120) || 'photo',
      contentType, size: photo.bytes.length,
    })));
  }
}
