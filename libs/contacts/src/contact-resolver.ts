import { randomUUID } from 'node:crypto';
import { Sql } from '@inbox/database';
import { Gender } from './contact.entity';
import { Identity } from './identity-normalizer';

export interface ResolvedContact {
  contactId: string;
  created: boolean;
  name: string | null;
  gender: Gender | null;
  branchId: string | null;
}

interface ContactRow {
  id: string;
  name: string | null;
  gender: Gender | null;
  branch_id: string | null;
  known_values: string[] | null;
}

const LOCK_KNOWN = `
  SELECT c.id, c.name, c.gender, c.branch_id,
    (SELECT array_agg(value) FROM contact_identities WHERE organization_id = $1 AND value = ANY($2)) AS known_values
  FROM contacts c
  WHERE c.id = (SELECT contact_id FROM contact_identities WHERE organization_id = $1 AND value = ANY($2) ORDER BY created_at LIMIT 1)
  FOR UPDATE OF c`;

/**
 * Finds the contact that owns any of the given identities, or creates one,
 * inside the caller's transaction, and leaves that contact row locked so the
 * caller's choice of ticket is serialised per person. Safe under concurrent
 * first messages from one new person: the identity insert is an upsert on its
 * unique key, so the losers of the race get the winner's contact (their own
 * reserved id is never written; the contacts FK on identities is deferred).
 */
export async function resolveContact(
  sql: Sql,
  organizationId: string,
  identities: Identity[],
  profile: { name?: string | null; gender?: Gender | null; branchId?: string | null },
): Promise<ResolvedContact> {
  const values = identities.map((i) => i.value);
  let [row] = await sql.rows<ContactRow>(LOCK_KNOWN, [organizationId, values], 'contacts.lock_known');
  let created = false;
  if (!row) {
    const [first] = identities;
    if (!first) throw new Error('an inbound message needs at least one sender identity');
    const reserved = randomUUID();
    const [upserted] = await sql.rows<{ contact_id: string }>(
      `INSERT INTO contact_identities (organization_id, contact_id, kind, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, kind, value) DO UPDATE SET kind = EXCLUDED.kind
       RETURNING contact_id`,
      [organizationId, reserved, first.kind, first.value],
      'contacts.upsert_identity',
    );
    created = upserted!.contact_id === reserved;
    if (created) {
      await sql.rows(
        `INSERT INTO contacts (id, organization_id, name, gender, branch_id) VALUES ($1, $2, $3, $4, $5)`,
        [reserved, organizationId, profile.name ?? null, profile.gender ?? null, profile.branchId ?? null],
        'contacts.insert',
      );
    }
    // Either ours, or the one a concurrent first message made and committed while we waited on its identity.
    [row] = await sql.rows<ContactRow>(LOCK_KNOWN, [organizationId, values], 'contacts.lock_known');
    if (!row) throw new Error('contact vanished while it was being resolved');
  }
  const known = new Set(row.known_values ?? []);
  const missing = identities.filter((identity) => !known.has(identity.value));
  if (missing.length > 0) {
    // Other identities the sender brought along (e.g. a phone beside a WhatsApp id) join the same contact.
    await sql.rows(
      `INSERT INTO contact_identities (organization_id, contact_id, kind, value)
       SELECT $1, $2, k, v FROM unnest($3::text[], $4::text[]) AS t(k, v)
       ON CONFLICT (organization_id, kind, value) DO NOTHING`,
      [organizationId, row.id, missing.map((i) => i.kind), missing.map((i) => i.value)],
      'contacts.add_identities',
    );
  }
  if (!created && !row.name && profile.name) {
    await sql.rows(`UPDATE contacts SET name = $2, updated_at = now() WHERE id = $1`, [row.id, profile.name], 'contacts.fill_name');
    row.name = profile.name;
  }
  return { contactId: row.id, created, name: row.name, gender: row.gender, branchId: row.branch_id };
}
