import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Gender } from './contact.entity';
import { Identity } from './identity-normalizer';

export interface ResolvedContact {
  contactId: string;
  created: boolean;
  name: string | null;
  gender: Gender | null;
  branchId: string | null;
}

/**
 * Finds the contact that owns any of the given identities, or creates one,
 * inside the caller's transaction. Safe under concurrent first messages from
 * one new person: the identity insert is an upsert on its unique key, so the
 * losers of the race get the winner's contact (and their own reserved id is
 * never written). The contacts FK on identities is deferred for this.
 */
export async function resolveContact(
  manager: EntityManager,
  organizationId: string,
  identities: Identity[],
  profile: { name?: string | null; gender?: Gender | null; branchId?: string | null },
): Promise<ResolvedContact> {
  const values = identities.map((i) => i.value);
  const existing: { contact_id: string; value: string; name: string | null; gender: Gender | null; branch_id: string | null }[] = await manager.query(
    `SELECT i.contact_id, i.value, c.name, c.gender, c.branch_id FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
     WHERE i.organization_id = $1 AND i.value = ANY($2) ORDER BY i.created_at`,
    [organizationId, values],
  );
  let contact = existing[0];
  let created = false;
  if (contact) {
    // Identities already on file (on this contact or, rarely, another one) are left where they are.
    identities = identities.filter((identity) => !existing.some((row) => row.value === identity.value));
  } else {
    const reserved = randomUUID();
    const [first, ...rest] = identities;
    if (!first) throw new Error('an inbound message needs at least one sender identity');
    const upserted: { contact_id: string }[] = await manager.query(
      `INSERT INTO contact_identities (organization_id, contact_id, kind, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, kind, value) DO UPDATE SET kind = EXCLUDED.kind
       RETURNING contact_id`,
      [organizationId, reserved, first.kind, first.value],
    );
    const contactId = upserted[0]!.contact_id;
    if (contactId === reserved) {
      created = true;
      await manager.query(
        `INSERT INTO contacts (id, organization_id, name, gender, branch_id) VALUES ($1, $2, $3, $4, $5)`,
        [reserved, organizationId, profile.name ?? null, profile.gender ?? null, profile.branchId ?? null],
      );
      contact = { contact_id: reserved, value: first.value, name: profile.name ?? null, gender: profile.gender ?? null, branch_id: profile.branchId ?? null };
    } else {
      const rows = await manager.query(`SELECT id AS contact_id, $2::text AS value, name, gender, branch_id FROM contacts WHERE id = $1`, [contactId, first.value]);
      contact = rows[0];
    }
    identities = rest;
  }
  const known = contact!;
  if (identities.length > 0) {
    // Other identities the sender brought along (e.g. a phone beside a WhatsApp id) join the same contact.
    await manager.query(
      `INSERT INTO contact_identities (organization_id, contact_id, kind, value)
       SELECT $1, $2, k, v FROM unnest($3::text[], $4::text[]) AS t(k, v)
       ON CONFLICT (organization_id, kind, value) DO NOTHING`,
      [organizationId, known.contact_id, identities.map((i) => i.kind), identities.map((i) => i.value)],
    );
  }
  if (!created && !known.name && profile.name) {
    await manager.query(`UPDATE contacts SET name = $2, updated_at = now() WHERE id = $1`, [known.contact_id, profile.name]);
    known.name = profile.name;
  }
  return { contactId: known.contact_id, created, name: known.name, gender: known.gender, branchId: known.branch_id };
}
