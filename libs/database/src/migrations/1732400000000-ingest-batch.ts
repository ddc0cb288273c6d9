import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batched ingest: several inbound messages in one statement and one
 * transaction, so a burst costs one round trip and one commit (one WAL flush,
 * one turn at the NOTIFY queue's commit lock) instead of one each.
 * IngestService gathers the messages that arrive together (IngestBatcher).
 *
 * inbox_ingest_batch(jsonb) takes an array of messages, each an object of
 * the values IngestService prepares (the same as inbox_ingest()'s arguments,
 * by name), and ingests each with inbox_ingest_message() under its own
 * savepoint (a BEGIN ... EXCEPTION block), so a failing element rolls back
 * alone and the rest commit. One row comes back per element, `idx` being its
 * position in the input: the outcome and ids as inbox_ingest() answers them,
 * or the error's SQLSTATE, constraint and message.
 *
 * Lock order: the contact advisory locks an element takes are held until the
 * whole batch commits, so two batches taking the same two contacts in opposite
 * orders would deadlock. Elements are processed in one global order: first
 * messages from people not known yet (by the first identity, whose unique key
 * they insert), then known contacts by their lock key, input order kept within
 * each. A deadlock that still happens (a ticket reached through a reply-to id or
 * a reference of another contact, a merge in between) fails only the victim
 * element, with 40P01, and IngestBatcher submits it again.
 *
 * inbox_ingest_message() is inbox_ingest() (migration 1732320000000, which it
 * supersedes and which stays for this migration's down()) with these changes:
 * - a channel that threads by its own hints only (email: References,
 *   In-Reply-To, the reference in the subject) never falls back to the
 *   contact's open ticket (`explicit_only`); a message sent as a complaint
 *   never joins a non-confidential ticket; an automatic message (auto-reply)
 *   neither reopens its ticket nor becomes its preview;
 * - the batch's up-front contact lookup is passed in, so a known sender's
 *   identities are not looked up twice, and they are inserted only when some
 *   are new (most messages come from known identities);
 * - on an existing ticket the message row is written first and its stored
 *   search_vector appended to tickets.search_document, instead of normalising
 *   and parsing the body a second time;
 * - a reference number past 9999 is written in full (lpad() cut it to four
 *   digits, so the 10,000th ticket of a year collided with the 1,000th).
 *
 * Also tickets_team_open_visible: a team's open tickets as admins and
 * supervisors list them (confidential ones left out). Without it, an admin
 * opening the complaints team, whose tickets are all confidential, walked
 * every one of them through tickets_team_open to show an empty page.
 */
export class IngestBatch1732400000000 implements MigrationInterface {
  name = 'IngestBatch1732400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION inbox_ingest_message(e jsonb, p_known_contact uuid, p_identities_known boolean)
      RETURNS TABLE (outcome text, message_id uuid, ticket_id uuid, reference text, contact_id uuid, contact_created boolean,
                     contact_gender text, contact_branch uuid)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        p_org uuid := (e ->> 'org')::uuid;
        p_account uuid := (e ->> 'account')::uuid;
        p_external_id text := e ->> 'external_id';
        p_identity_kinds text[] := ARRAY(SELECT jsonb_array_elements_text(e -> 'identity_kinds'));
        p_identity_values text[] := ARRAY(SELECT jsonb_array_elements_text(e -> 'identity_values'));
        p_name text := e ->> 'name';
        p_branch uuid := (e ->> 'branch')::uuid;
        p_reply_to text[] := CASE WHEN jsonb_typeof(e -> 'reply_to') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e -> 'reply_to')) END;
        p_ticket_reference text := e ->> 'ticket_reference';
        p_message_id uuid := (e ->> 'message_id')::uuid;
        p_body text := e ->> 'body';
        p_received_at timestamptz := (e ->> 'received_at')::timestamptz;
        p_preview text := e ->> 'preview';
        v_explicit_only boolean := coalesce((e ->> 'explicit_only')::boolean, false);
        v_automatic boolean := coalesce((e ->> 'automatic')::boolean, false);
        v_contact contacts%ROWTYPE;
        v_contact_id uuid := p_known_contact;
        v_created boolean := false;
        v_ticket tickets%ROWTYPE;
        v_found boolean := false;
        v_route jsonb;
        v_number bigint;
        v_inserted uuid;
        v_vector tsvector;
        v_events jsonb[];
      BEGIN
        SELECT m.id, m.ticket_id, t.reference, m.sender_contact_id INTO message_id, ticket_id, reference, contact_id
          FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.channel_account_id = p_account AND m.external_id = p_external_id;
        IF FOUND THEN
          outcome := 'duplicate'; contact_created := false;
          RETURN NEXT; RETURN;
        END IF;

        IF v_contact_id IS NULL THEN
          -- Unknown when the batch began; an earlier element of the same batch may have created them since.
          SELECT i.contact_id INTO v_contact_id FROM contact_identities i
            WHERE i.organization_id = p_org AND i.value = ANY(p_identity_values) ORDER BY i.created_at LIMIT 1;
        END IF;
        IF v_contact_id IS NULL THEN
          -- A new person: the identity upsert decides, between concurrent first messages, whose contact it is.
          INSERT INTO contact_identities (organization_id, contact_id, kind, value)
            VALUES (p_org, gen_random_uuid(), p_identity_kinds[1], p_identity_values[1])
            ON CONFLICT (organization_id, kind, value) DO UPDATE SET kind = EXCLUDED.kind
            RETURNING contact_identities.contact_id INTO v_contact_id;
          IF NOT EXISTS (SELECT 1 FROM contacts WHERE id = v_contact_id) THEN
            -- No contact yet: either ours (just reserved) or the winner's, not committed; the latter cannot be, as the upsert waited for it.
            INSERT INTO contacts (id, organization_id, name, gender, branch_id) VALUES (v_contact_id, p_org, p_name, e ->> 'gender', p_branch);
            v_created := true;
          END IF;
        END IF;
        -- Serialises ticket choice per person, so a burst of first messages opens one ticket (see inbox_ingest()).
        PERFORM pg_advisory_xact_lock(hashtextextended(v_contact_id::text, 727));
        SELECT * INTO v_contact FROM contacts WHERE id = v_contact_id;

        IF v_created OR NOT p_identities_known THEN
          INSERT INTO contact_identities (organization_id, contact_id, kind, value)
            SELECT p_org, v_contact_id, k, v FROM unnest(p_identity_kinds, p_identity_values) AS x(k, v)
            ON CONFLICT (organization_id, kind, value) DO NOTHING;
        END IF;

        IF p_reply_to IS NOT NULL AND cardinality(p_reply_to) > 0 THEN
          SELECT t.* INTO v_ticket FROM messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE m.organization_id = p_org AND m.external_id = ANY(p_reply_to) AND t.status <> 'closed'
            ORDER BY m.created_at DESC LIMIT 1;
          v_found := FOUND;
        END IF;
        IF NOT v_found AND p_ticket_reference IS NOT NULL THEN
          SELECT * INTO v_ticket FROM tickets WHERE organization_id = p_org AND tickets.reference = upper(p_ticket_reference) AND status <> 'closed';
          v_found := FOUND;
        END IF;
        -- The contact's open ticket on this account, unless the channel threads by its own hints only (email), and never a
        -- non-confidential ticket for a message sent as a complaint (its words would show to everyone who sees that ticket).
        IF NOT v_found AND NOT v_explicit_only THEN
          SELECT * INTO v_ticket FROM tickets
            WHERE tickets.contact_id = v_contact_id AND channel_account_id = p_account AND status IN ('new', 'open', 'pending', 'resolved')
              AND (e ->> 'type' IS DISTINCT FROM 'complaint' OR tickets.confidential)
            ORDER BY last_activity_at DESC LIMIT 1;
          v_found := FOUND;
        END IF;

        IF NOT v_found AND NOT v_created AND v_contact.branch_id IS NOT NULL AND v_contact.branch_id IS DISTINCT FROM p_branch THEN
          outcome := 'needs_routing'; contact_gender := v_contact.gender; contact_branch := v_contact.branch_id;
          RETURN NEXT; RETURN;
        END IF;
        IF NOT v_created AND v_contact.name IS NULL AND p_name IS NOT NULL THEN
          UPDATE contacts SET name = p_name, updated_at = now() WHERE id = v_contact_id;
        END IF;
        IF NOT v_found THEN
          v_route := (e -> 'routes') -> coalesce(v_contact.gender, 'unknown');
          v_number := nextval((e ->> 'sequence')::regclass);
          INSERT INTO tickets (id, organization_id, reference, subject, type, status, priority, channel_kind, channel_account_id, contact_id,
              team_id, branch_id, confidential, first_response_due_at, resolution_due_at, decision_due_at, last_activity_at, last_message_preview, created_at,
              search_document)
            VALUES ((e ->> 'new_ticket_id')::uuid, p_org, (e ->> 'reference_prefix') || lpad(v_number::text, greatest(4, length(v_number::text)), '0'),
              e ->> 'subject', e ->> 'type', 'new', v_route ->> 'priority', e ->> 'channel_kind', p_account, v_contact_id,
              (v_route ->> 'teamId')::uuid, coalesce(v_contact.branch_id, p_branch), (e ->> 'confidential')::boolean,
              (e ->> 'first_response_due')::timestamptz, (e ->> 'resolution_due')::timestamptz, (e ->> 'decision_due')::timestamptz,
              p_received_at, p_preview, p_received_at,
              to_tsvector('simple', inbox_normalize((e ->> 'subject') || ' ' || coalesce(v_contact.name, '') || ' ' || p_body)))
            RETURNING * INTO v_ticket;
          v_events := ARRAY[jsonb_build_object('type', 'ticket.created', 'payload', jsonb_build_object(
            'ticketId', v_ticket.id, 'reference', v_ticket.reference, 'status', 'new', 'priority', v_ticket.priority,
            'teamId', v_ticket.team_id, 'assigneeId', NULL))];
          outcome := 'opened';
        ELSE
          IF v_ticket.status = 'resolved' AND NOT v_automatic THEN
            v_events := ARRAY[jsonb_build_object('type', 'ticket.updated', 'payload', jsonb_build_object(
              'ticketId', v_ticket.id, 'reference', v_ticket.reference, 'status', 'open', 'priority', v_ticket.priority,
              'teamId', v_ticket.team_id, 'assigneeId', v_ticket.assignee_id, 'changes', jsonb_build_array('status')))];
          END IF;
          outcome := 'appended';
        END IF;

        INSERT INTO messages (id, organization_id, ticket_id, direction, channel_account_id, external_id, sender_contact_id, sender_name,
            body, html, attachments, metadata, sent_at, created_at)
          VALUES (p_message_id, p_org, v_ticket.id, 'inbound', p_account, p_external_id, v_contact_id, p_name,
            p_body, e ->> 'html', e -> 'attachments', e -> 'metadata', (e ->> 'sent_at')::timestamptz, p_received_at)
          ON CONFLICT (channel_account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
          RETURNING id, search_vector INTO v_inserted, v_vector;
        IF v_inserted IS NULL THEN
          -- Delivered at the same moment by another request, which committed first: undo everything, the caller answers with that one.
          RAISE EXCEPTION 'duplicate inbound message' USING ERRCODE = 'unique_violation', CONSTRAINT = 'messages_external';
        END IF;
        IF outcome = 'appended' THEN
          UPDATE tickets SET
            last_activity_at = greatest(last_activity_at, p_received_at),
            -- An automatic message (an auto-reply) is kept on the ticket but neither reopens it nor becomes its preview.
            last_message_preview = CASE WHEN p_preview = '' OR v_automatic THEN last_message_preview ELSE p_preview END,
            status = CASE WHEN status = 'resolved' AND NOT v_automatic THEN 'open' ELSE status END,
            resolved_at = CASE WHEN status = 'resolved' AND NOT v_automatic THEN NULL ELSE resolved_at END,
            search_document = search_document || v_vector,
            updated_at = now()
          WHERE id = v_ticket.id;
        END IF;
        v_events := coalesce(v_events, ARRAY[]::jsonb[]) || jsonb_build_object('type', 'message.created', 'payload', jsonb_build_object(
          'ticketId', v_ticket.id, 'messageId', p_message_id, 'direction', 'inbound', 'deliveryStatus', NULL));
        INSERT INTO events (organization_id, ticket_id, confidential, type, payload)
          SELECT p_org, v_ticket.id, v_ticket.confidential, x ->> 'type', x -> 'payload' FROM unnest(v_events) AS x;

        message_id := p_message_id; ticket_id := v_ticket.id; reference := v_ticket.reference; contact_id := v_contact_id;
        contact_created := v_created; contact_gender := v_contact.gender; contact_branch := v_contact.branch_id;
        RETURN NEXT;
      END $$`);

    await db.query(`
      CREATE FUNCTION inbox_ingest_batch(p_batch jsonb)
      RETURNS TABLE (idx integer, outcome text, message_id uuid, ticket_id uuid, reference text, contact_id uuid, contact_created boolean,
                     contact_gender text, contact_branch uuid, error_code text, error_constraint text, error_message text)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_item record;
        r record;
      BEGIN
        FOR v_item IN
          SELECT x.value AS element, (x.ordinality - 1)::integer AS position, known.contact_id AS known_contact,
                 coalesce(known.pairs = jsonb_array_length(x.value -> 'identity_values'), false) AS identities_known
          FROM jsonb_array_elements(p_batch) WITH ORDINALITY AS x
          LEFT JOIN LATERAL (
            SELECT (array_agg(i.contact_id ORDER BY i.created_at))[1] AS contact_id,
                   count(*) FILTER (WHERE EXISTS (
                     SELECT 1 FROM jsonb_array_elements_text(x.value -> 'identity_kinds') WITH ORDINALITY AS k(kind, n)
                     WHERE k.kind = i.kind AND x.value -> 'identity_values' ->> (k.n - 1)::integer = i.value)) AS pairs
            FROM contact_identities i
            WHERE i.organization_id = (x.value ->> 'org')::uuid
              AND i.value = ANY (ARRAY(SELECT jsonb_array_elements_text(x.value -> 'identity_values')))
          ) AS known ON true
          ORDER BY known.contact_id IS NOT NULL,
                   CASE WHEN known.contact_id IS NULL THEN x.value -> 'identity_values' ->> 0 END,
                   hashtextextended(known.contact_id::text, 727),
                   x.ordinality
        LOOP
          idx := v_item.position;
          BEGIN
            SELECT * INTO r FROM inbox_ingest_message(v_item.element, v_item.known_contact, v_item.identities_known);
            outcome := r.outcome; message_id := r.message_id; ticket_id := r.ticket_id; reference := r.reference; contact_id := r.contact_id;
            contact_created := r.contact_created; contact_gender := r.contact_gender; contact_branch := r.contact_branch;
            error_code := NULL; error_constraint := NULL; error_message := NULL;
          EXCEPTION WHEN OTHERS THEN
            outcome := NULL; message_id := NULL; ticket_id := NULL; reference := NULL; contact_id := NULL;
            contact_created := NULL; contact_gender := NULL; contact_branch := NULL;
            GET STACKED DIAGNOSTICS error_code = RETURNED_SQLSTATE, error_constraint = CONSTRAINT_NAME, error_message = MESSAGE_TEXT;
          END;
          RETURN NEXT;
        END LOOP;
      END $$`);

    await db.query(`CREATE INDEX tickets_team_open_visible ON tickets (organization_id, team_id, last_activity_at DESC, id DESC)
      WHERE status IN ('new', 'open', 'pending') AND NOT confidential`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS tickets_team_open_visible`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_ingest_batch(jsonb)`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_ingest_message(jsonb, uuid, boolean)`);
  }
}
