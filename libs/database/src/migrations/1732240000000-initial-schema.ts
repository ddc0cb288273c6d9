import { MigrationInterface, QueryRunner } from 'typeorm';
import { NORMALIZE_FROM, NORMALIZE_TO } from '@inbox/core';

const OPEN = `('new', 'open', 'pending')`;

/**
 * The ticket stream and everything it is scoped by. Hot paths (ingest, inbox
 * list, search) are shaped by the indexes here; see docs/architecture.md.
 */
export class InitialSchema1732240000000 implements MigrationInterface {
  name = 'InitialSchema1732240000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION inbox_normalize(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT translate(
          regexp_replace(lower(input), '[\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED\\u0640]', '', 'g'),
          '${NORMALIZE_FROM}', '${NORMALIZE_TO}')
      $$`);

    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name_ar text NOT NULL,
        name_en text NOT NULL,
        time_zone text NOT NULL DEFAULT 'Asia/Riyadh',
        work_days smallint[] NOT NULL DEFAULT '{0,1,2,3,4}',
        work_start_minute integer NOT NULL DEFAULT 480,
        work_end_minute integer NOT NULL DEFAULT 960,
        reference_calendar text NOT NULL DEFAULT 'hijri' CHECK (reference_calendar IN ('hijri', 'gregorian')),
        first_response_minutes integer NOT NULL DEFAULT 240,
        resolution_minutes integer NOT NULL DEFAULT 2400,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE branches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name_ar text NOT NULL,
        name_en text NOT NULL,
        city text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX branches_organization ON branches (organization_id)`);

    await db.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
        name_ar text NOT NULL,
        name_en text NOT NULL,
        section text NOT NULL CHECK (section IN ('men', 'women', 'mixed')),
        purpose text NOT NULL CHECK (purpose IN ('service', 'research', 'complaints')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX teams_organization ON teams (organization_id)`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['admin','supervisor','agent','delegate','researcher','complaints_officer']::text[] AND cardinality(roles) > 0),
        locale text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'en')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);
    await db.query(`CREATE INDEX users_organization ON users (organization_id)`);

    await db.query(`
      CREATE TABLE team_memberships (
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        lead boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, user_id)
      )`);
    await db.query(`CREATE INDEX team_memberships_user ON team_memberships (user_id)`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)`);

    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text,
        gender text CHECK (gender IN ('male', 'female')),
        kind text NOT NULL DEFAULT 'beneficiary' CHECK (kind IN ('beneficiary', 'member', 'volunteer', 'donor', 'complainant', 'other')),
        branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', inbox_normalize(coalesce(name, '')))) STORED
      )`);
    await db.query(`CREATE INDEX contacts_organization_created ON contacts (organization_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX contacts_search ON contacts USING gin (search_vector)`);

    await db.query(`
      CREATE TABLE contact_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        kind text NOT NULL CHECK (kind IN ('phone', 'email', 'whatsapp', 'national_id')),
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, kind, value)
      )`);
    await db.query(`CREATE INDEX contact_identities_value ON contact_identities (organization_id, value)`);
    await db.query(`CREATE INDEX contact_identities_contact ON contact_identities (contact_id)`);

    await db.query(`
      CREATE TABLE channel_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
        kind text NOT NULL CHECK (kind IN ('api', 'email', 'whatsapp_web', 'whatsapp_cloud', 'web_form', 'phone', 'letter', 'field')),
        name text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        sealed_secrets text,
        enabled boolean NOT NULL DEFAULT true,
        health text NOT NULL DEFAULT 'unknown',
        health_detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX channel_accounts_organization ON channel_accounts (organization_id)`);

    await db.query(`
      CREATE TABLE routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL DEFAULT '{}',
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        priority text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX routing_rules_organization ON routing_rules (organization_id, position)`);

    await db.query(`
      CREATE TABLE tickets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        reference text NOT NULL,
        subject text NOT NULL DEFAULT '',
        type text NOT NULL CHECK (type IN ('inquiry', 'support_request', 'registration', 'volunteer', 'job_application', 'complaint', 'suggestion', 'field_visit', 'review')),
        status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
        priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        channel_kind text NOT NULL,
        channel_account_id uuid REFERENCES channel_accounts(id) ON DELETE SET NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
        confidential boolean NOT NULL DEFAULT false,
        first_response_due_at timestamptz,
        resolution_due_at timestamptz,
        decision_due_at timestamptz,
        first_responded_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        last_message_preview text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', inbox_normalize(subject))) STORED,
        UNIQUE (organization_id, reference)
      )`);
    await db.query(`CREATE INDEX tickets_activity ON tickets (organization_id, last_activity_at DESC, id DESC)`);
    await db.query(`CREATE INDEX tickets_team_open ON tickets (organization_id, team_id, last_activity_at DESC, id DESC) WHERE status IN ${OPEN}`);
    await db.query(`CREATE INDEX tickets_assignee_open ON tickets (organization_id, assignee_id, last_activity_at DESC, id DESC) WHERE status IN ${OPEN}`);
    await db.query(`CREATE INDEX tickets_open ON tickets (organization_id, last_activity_at DESC, id DESC) WHERE status IN ${OPEN}`);
    await db.query(`CREATE INDEX tickets_contact ON tickets (contact_id, last_activity_at DESC)`);
    await db.query(`CREATE INDEX tickets_search ON tickets USING gin (search_vector)`);

    await db.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note', 'event')),
        channel_account_id uuid REFERENCES channel_accounts(id) ON DELETE SET NULL,
        external_id text,
        author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        sender_contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        sender_name text,
        body text NOT NULL DEFAULT '',
        html text,
        attachments jsonb NOT NULL DEFAULT '[]',
        delivery_status text CHECK (delivery_status IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed')),
        failure_reason text,
        attempts integer NOT NULL DEFAULT 0,
        metadata jsonb NOT NULL DEFAULT '{}',
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', inbox_normalize(body))) STORED
      )`);
    await db.query(`CREATE UNIQUE INDEX messages_external ON messages (channel_account_id, external_id) WHERE external_id IS NOT NULL`);
    await db.query(`CREATE INDEX messages_ticket ON messages (ticket_id, created_at)`);
    await db.query(`CREATE INDEX messages_search ON messages USING gin (search_vector)`);

    await db.query(`
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
        type text NOT NULL,
        confidential boolean NOT NULL DEFAULT false,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX events_organization ON events (organization_id, id)`);

    await db.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        organization_id uuid REFERENCES organizations(id),
        actor_user_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        data jsonb NOT NULL DEFAULT '{}',
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_events_organization ON audit_events (organization_id, id DESC)`);
    await db.query(`CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id)`);
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events', 'events', 'messages', 'tickets', 'routing_rules', 'channel_accounts', 'contact_identities',
      'contacts', 'refresh_tokens', 'team_memberships', 'users', 'teams', 'branches', 'organizations',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`
      DO $$ DECLARE seq record; BEGIN
        FOR seq IN SELECT sequencename FROM pg_sequences WHERE sequencename LIKE 'ticket_number_%' LOOP
          EXECUTE format('DROP SEQUENCE %I', seq.sequencename);
        END LOOP;
      END $$`);
    await db.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_normalize(text)`);
  }
}
