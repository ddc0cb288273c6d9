import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * inbox_ingest(): the ingest transaction as one statement, so an inbound
 * message costs one round trip instead of six. IngestService prepares every
 * value that needs the application (normalised identities, routing decisions
 * for each possible gender, deadlines, the reference sequence) and this
 * function does the reads and writes under the contact's row lock.
 *
 * It also keeps tickets.search_document: every word of a ticket (subject,
 * the contact's name when it opened, every message) in one tsvector, with no
 * index on purpose. It serves the newest-first search walk, which tests each
 * ticket it passes, so a common or name-like term costs one cheap test per
 * ticket instead of a lookup into its messages; rare terms go index-first
 * through the GIN indexes on messages, subjects and contacts. Replies add to
 * it in TicketsService.addMessage.
 *
 * Outcomes: 'appended' / 'opened' (ids returned), 'duplicate' (the first
 * delivery's ids), 'needs_routing' (an existing contact whose branch differs
 * from the channel's needs a new ticket: nothing was written; the caller
 * routes with the returned gender and branch and calls again).
 */
export class IngestFunction1732320000000 implements MigrationInterface {
  name = 'IngestFunction1732320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets ADD COLUMN search_document tsvector NOT NULL DEFAULT ''`);
    await db.query(`
      CREATE FUNCTION inbox_ingest(
        p_org uuid, p_account uuid, p_channel_kind text, p_external_id text,
        p_identity_kinds text[], p_identity_values text[], p_name text, p_gender text, p_branch uuid,
        p_reply_to text[], p_ticket_reference text,
        p_message_id uuid, p_body text, p_html text, p_attachments jsonb, p_metadata jsonb, p_sent_at timestamptz, p_received_at timestamptz,
        p_preview text, p_new_ticket_id uuid, p_reference_prefix text, p_sequence text, p_subject text, p_type text, p_confidential boolean,
        p_routes jsonb, p_first_response_due timestamptz, p_resolution_due timestamptz, p_decision_due timestamptz
      ) RETURNS TABLE (outcome text, message_id uuid, ticket_id uuid, reference text, contact_id uuid, contact_created boolean,
                       contact_gender text, contact_branch uuid)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_contact contacts%ROWTYPE;
        v_contact_id uuid;
        v_created boolean := false;
        v_ticket tickets%ROWTYPE;
        v_found boolean := false;
        v_route jsonb;
        v_inserted uuid;
        v_events jsonb[];
      BEGIN
        SELECT m.id, m.ticket_id, t.reference, m.sender_contact_id INTO message_id, ticket_id, reference, contact_id
          FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.channel_account_id = p_account AND m.external_id = p_external_id;
        IF FOUND THEN
          outcome := 'duplicate'; contact_created := false;
          RETURN NEXT; RETURN;
        END IF;

        SELECT i.contact_id INTO v_contact_id FROM contact_identities i
          WHERE i.organization_id = p_org AND i.value = ANY(p_identity_values) ORDER BY i.created_at LIMIT 1;
        IF v_contact_id IS NULL THEN
          -- A new person: the identity upsert decides, between concurrent first messages, whose contact it is.
          INSERT INTO contact_identities (organization_id, contact_id, kind, value)
            VALUES (p_org, gen_random_uuid(), p_identity_kinds[1], p_identity_values[1])
            ON CONFLICT (organization_id, kind, value) DO UPDATE SET kind = EXCLUDED.kind
            RETURNING contact_identities.contact_id INTO v_contact_id;
          IF NOT EXISTS (SELECT 1 FROM contacts WHERE id = v_contact_id) THEN
            -- No contact yet: either ours (just reserved) or the winner's, not committed; the latter cannot be, as the upsert waited for it.
            INSERT INTO contacts (id, organization_id, name, gender, branch_id) VALUES (v_contact_id, p_org, p_name, p_gender, p_branch);
            v_created := true;
          END IF;
        END IF;
        -- Serialises ticket choice per person, so a burst of first messages opens one ticket. An advisory lock
        -- (memory only) rather than a row lock, which would write the contact's page on every message;
        -- contact merges take the same lock. The statements after it see what the previous holder committed.
        PERFORM pg_advisory_xact_lock(hashtextextended(v_contact_id::text, 727));
        SELECT * INTO v_contact FROM contacts WHERE id = v_contact_id;

        INSERT INTO contact_identities (organization_id, contact_id, kind, value)
          SELECT p_org, v_contact_id, k, v FROM unnest(p_identity_kinds, p_identity_values) AS x(k, v)
          ON CONFLICT (organization_id, kind, value) DO NOTHING;

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
        IF NOT v_found THEN
          SELECT * INTO v_ticket FROM tickets
            WHERE tickets.contact_id = v_contact_id AND channel_account_id = p_account AND status IN ('new', 'open', 'pending', 'resolved')
            ORDER BY last_activity_at DESC LIMIT 1;
          v_found := FOUND;
        END IF;

        IF v_found THEN
          IF NOT v_created AND v_contact.name IS NULL AND p_name IS NOT NULL THEN
            UPDATE contacts SET name = p_name, updated_at = now() WHERE id = v_contact_id;
          END IF;
          IF v_ticket.status = 'resolved' THEN
            v_events := ARRAY[jsonb_build_object('type', 'ticket.updated', 'payload', jsonb_build_object(
              'ticketId', v_ticket.id, 'reference', v_ticket.reference, 'status', 'open', 'priority', v_ticket.priority,
              'teamId', v_ticket.team_id, 'assigneeId', v_ticket.assignee_id, 'changes', jsonb_build_array('status')))];
          END IF;
          UPDATE tickets SET
            last_activity_at = greatest(last_activity_at, p_received_at),
            last_message_preview = CASE WHEN p_preview = '' THEN last_message_preview ELSE p_preview END,
            status = CASE WHEN status = 'resolved' THEN 'open' ELSE status END,
            resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END,
            search_document = search_document || to_tsvector('simple', inbox_normalize(p_body)),
            updated_at = now()
          WHERE id = v_ticket.id;
          outcome := 'appended';
        ELSE
          IF NOT v_created AND v_contact.branch_id IS NOT NULL AND v_contact.branch_id IS DISTINCT FROM p_branch THEN
            outcome := 'needs_routing'; contact_gender := v_contact.gender; contact_branch := v_contact.branch_id;
            RETURN NEXT; RETURN;
          END IF;
          IF NOT v_created AND v_contact.name IS NULL AND p_name IS NOT NULL THEN
            UPDATE contacts SET name = p_name, updated_at = now() WHERE id = v_contact_id;
          END IF;
          v_route := p_routes -> coalesce(v_contact.gender, 'unknown');
          INSERT INTO tickets (id, organization_id, reference, subject, type, status, priority, channel_kind, channel_account_id, contact_id,
              team_id, branch_id, confidential, first_response_due_at, resolution_due_at, decision_due_at, last_activity_at, last_message_preview, created_at,
              search_document)
            VALUES (p_new_ticket_id, p_org, p_reference_prefix || lpad(nextval(p_sequence::regclass)::text, 4, '0'), p_subject, p_type, 'new',
              v_route ->> 'priority', p_channel_kind, p_account, v_contact_id, (v_route ->> 'teamId')::uuid, coalesce(v_contact.branch_id, p_branch),
              p_confidential, p_first_response_due, p_resolution_due, p_decision_due, p_received_at, p_preview, p_received_at,
              to_tsvector('simple', inbox_normalize(p_subject || ' ' || coalesce(v_contact.name, '') || ' ' || p_body)))
            RETURNING * INTO v_ticket;
          v_events := ARRAY[jsonb_build_object('type', 'ticket.created', 'payload', jsonb_build_object(
            'ticketId', v_ticket.id, 'reference', v_ticket.reference, 'status', 'new', 'priority', v_ticket.priority,
            'teamId', v_ticket.team_id, 'assigneeId', NULL))];
          outcome := 'opened';
        END IF;

        INSERT INTO messages (id, organization_id, ticket_id, direction, channel_account_id, external_id, sender_contact_id, sender_name,
            body, html, attachments, metadata, sent_at, created_at)
          VALUES (p_message_id, p_org, v_ticket.id, 'inbound', p_account, p_external_id, v_contact_id, p_name,
            p_body, p_html, p_attachments, p_metadata, p_sent_at, p_received_at)
          ON CONFLICT (channel_account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
          RETURNING id INTO v_inserted;
        IF v_inserted IS NULL THEN
          -- Delivered at the same moment by another request, which committed first: undo everything, the caller answers with that one.
          RAISE EXCEPTION 'duplicate inbound message' USING ERRCODE = 'unique_violation', CONSTRAINT = 'messages_external';
        END IF;
        v_events := coalesce(v_events, ARRAY[]::jsonb[]) || jsonb_build_object('type', 'message.created', 'payload', jsonb_build_object(
          'ticketId', v_ticket.id, 'messageId', p_message_id, 'direction', 'inbound', 'deliveryStatus', NULL));
        INSERT INTO events (organization_id, ticket_id, confidential, type, payload)
          SELECT p_org, v_ticket.id, v_ticket.confidential, e ->> 'type', e -> 'payload' FROM unnest(v_events) AS e;

        message_id := p_message_id; ticket_id := v_ticket.id; reference := v_ticket.reference; contact_id := v_contact_id;
        contact_created := v_created; contact_gender := v_contact.gender; contact_branch := v_contact.branch_id;
        RETURN NEXT;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS inbox_ingest`);
    await db.query(`ALTER TABLE tickets DROP COLUMN search_document`);
  }
}
