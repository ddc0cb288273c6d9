import { MigrationInterface, QueryRunner } from 'typeorm';
import { patchFunction } from './patch-function';

const BATCH = 'inbox_ingest_batch(jsonb)';
const MESSAGE = 'inbox_ingest_message(jsonb, uuid, boolean)';

const BATCH_BEFORE = `          LEFT JOIN LATERAL (
            SELECT (array_agg(i.contact_id ORDER BY i.created_at))[1] AS contact_id,
                   count(*) FILTER (WHERE EXISTS (
                     SELECT 1 FROM jsonb_array_elements_text(x.value -> 'identity_kinds') WITH ORDINALITY AS k(kind, n)
                     WHERE k.kind = i.kind AND x.value -> 'identity_values' ->> (k.n - 1)::integer = i.value)) AS pairs
            FROM contact_identities i
            WHERE i.organization_id = (x.value ->> 'org')::uuid
              AND i.value = ANY (ARRAY(SELECT jsonb_array_elements_text(x.value -> 'identity_values')))
          ) AS known ON true`;
const BATCH_AFTER = `          LEFT JOIN LATERAL inbox_known_identities((x.value ->> 'org')::uuid,
              ARRAY(SELECT jsonb_array_elements_text(x.value -> 'identity_kinds')),
              ARRAY(SELECT jsonb_array_elements_text(x.value -> 'identity_values'))) AS known ON true`;

const MESSAGE_BEFORE = `SELECT i.contact_id INTO v_contact_id FROM contact_identities i
            WHERE i.organization_id = p_org AND i.value = ANY(p_identity_values) ORDER BY i.created_at LIMIT 1;`;
const MESSAGE_AFTER = `SELECT known.contact_id INTO v_contact_id FROM inbox_known_identities(p_org, p_identity_kinds, p_identity_values) AS known;`;

/**
 * A sender's identities are looked up one value at a time, each by equality
 * on contact_identities (organization_id, value).
 *
 * Both lookups that ingest made (the batch's up-front one and the one for a
 * sender unknown when the batch began) matched `value = ANY(array)`. Without
 * fresh statistics on contact_identities (a new table, or autovacuum off), the
 * planner guessed that the organization's identities were a handful and
 * scanned all of them, filtering on the value; plpgsql kept that plan for the
 * life of the connection. The scan grew with every new contact: with 5,000
 * contacts it was a third of PostgreSQL's time per message (`npm run bench`,
 * 1.06 ms per message before, 0.55 ms after). An equality on both columns of
 * the index leaves the planner nothing cheaper to pick, whatever its
 * statistics say.
 *
 * inbox_known_identities() answers what the batch needs: the contact of the
 * earliest identity matching any value (the sender's contact), and how many
 * of the given (kind, value) pairs are stored already (all of them: nothing to
 * insert).
 */
export class IdentityLookup1733800000000 implements MigrationInterface {
  name = 'IdentityLookup1733800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION inbox_known_identities(p_org uuid, p_kinds text[], p_values text[], OUT contact_id uuid, OUT pairs integer)
      LANGUAGE plpgsql STABLE AS $$
      #variable_conflict use_column
      DECLARE
        r record;
        v_first timestamptz;
      BEGIN
        pairs := 0;
        FOR n IN 1 .. coalesce(cardinality(p_values), 0) LOOP
          FOR r IN SELECT i.contact_id, i.kind, i.created_at FROM contact_identities i WHERE i.organization_id = p_org AND i.value = p_values[n] LOOP
            IF v_first IS NULL OR r.created_at < v_first THEN
              contact_id := r.contact_id;
              v_first := r.created_at;
            END IF;
            IF r.kind = p_kinds[n] THEN
              pairs := pairs + 1;
            END IF;
          END LOOP;
        END LOOP;
      END $$`);
    await patchFunction(db, BATCH, BATCH_BEFORE, BATCH_AFTER);
    await patchFunction(db, MESSAGE, MESSAGE_BEFORE, MESSAGE_AFTER);
  }

  async down(db: QueryRunner): Promise<void> {
    await patchFunction(db, MESSAGE, MESSAGE_AFTER, MESSAGE_BEFORE);
    await patchFunction(db, BATCH, BATCH_AFTER, BATCH_BEFORE);
    await db.query(`DROP FUNCTION inbox_known_identities(uuid, text[], text[])`);
  }
}
