import { MigrationInterface, QueryRunner } from 'typeorm';

const TICKET_TYPES = `('inquiry', 'support_request', 'registration', 'volunteer', 'job_application', 'complaint', 'suggestion', 'field_visit', 'review')`;

/**
 * The channels without a provider: web forms, phone calls, the letters
 * register and branch delegates. Their messages go through ingest like any
 * other; these tables hold what is theirs alone.
 *
 * - form_definitions: an organization's forms (fields as JSON, validated by
 *   the application), each creating tickets of one type; `preset` marks the
 *   defaults the policies name, seeded once per organization.
 * - form_submissions: written and committed before anything else is tried,
 *   so an accepted submission survives a failed ingest (a sweep retries it).
 *   The values are dropped once the message holds them: a complaint's
 *   personal data must not outlive the complaint's own retention here.
 *   The declaration is kept with its time, address and wording.
 * - call_follow_ups: missed calls and callbacks to make, with a deadline.
 * - pbx_calls: a PBX call between its start and end events.
 * - letters, letter_counters, letter_templates, letter_settings: the
 *   incoming and outgoing registers, numbered per Hijri year (and per branch
 *   when the organization says so) without gaps: a counter row per scope,
 *   taken under its row lock, as a register must not skip numbers.
 * - field_entries: what delegates logged, keyed by the id their device gave
 *   the entry, so an offline queue that sends twice logs once.
 */
export class Channels1732800000000 implements MigrationInterface {
  name = 'Channels1732800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE form_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
        preset text,
        ticket_type text NOT NULL CHECK (ticket_type IN ${TICKET_TYPES}),
        title jsonb NOT NULL,
        description jsonb NOT NULL DEFAULT '{}',
        declaration jsonb NOT NULL DEFAULT '{}',
        fields jsonb NOT NULL,
        allow_anonymous boolean NOT NULL DEFAULT false,
        enabled boolean NOT NULL DEFAULT true,
        per_ip_per_hour integer NOT NULL DEFAULT 10 CHECK (per_ip_per_hour BETWEEN 1 AND 100000),
        per_form_per_minute integer NOT NULL DEFAULT 600 CHECK (per_form_per_minute BETWEEN 1 AND 100000),
        embed_origins text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, preset)
      )`);
    await db.query(`CREATE INDEX form_definitions_organization ON form_definitions (organization_id, created_at)`);

    await db.query(`
      CREATE TABLE form_submissions (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        form_id uuid REFERENCES form_definitions(id) ON DELETE SET NULL,
        channel_account_id uuid REFERENCES channel_accounts(id) ON DELETE SET NULL,
        tracking_code text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('received', 'ingested')),
        message jsonb,
        anonymous boolean NOT NULL DEFAULT false,
        locale text NOT NULL CHECK (locale IN ('ar', 'en')),
        declaration_text text NOT NULL,
        declared_at timestamptz NOT NULL,
        declared_ip text,
        user_agent text,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        message_id uuid,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        ingested_at timestamptz
      )`);
    await db.query(`CREATE INDEX form_submissions_pending ON form_submissions (created_at) WHERE status = 'received'`);
    await db.query(`CREATE INDEX form_submissions_ticket ON form_submissions (ticket_id)`);

    await db.query(`
      CREATE TABLE call_follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        message_id uuid NOT NULL UNIQUE,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        number text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('missed', 'callback_needed')),
        due_at timestamptz NOT NULL,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        done_at timestamptz,
        done_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX call_follow_ups_open ON call_follow_ups (organization_id, due_at) WHERE done_at IS NULL`);

    await db.query(`
      CREATE TABLE pbx_calls (
        channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
        call_id text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        number text NOT NULL,
        extension text,
        agent_id uuid REFERENCES users(id) ON DELETE SET NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL,
        answered_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_account_id, call_id)
      )`);

    await db.query(`
      CREATE TABLE letter_settings (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        number_per_branch boolean NOT NULL DEFAULT false,
        incoming_prefix text NOT NULL DEFAULT 'و',
        outgoing_prefix text NOT NULL DEFAULT 'ص',
        letterhead_lines jsonb NOT NULL DEFAULT '[]',
        footer text,
        logo jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE letter_counters (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        scope uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (organization_id, scope, direction, year)
      )`);
    await db.query(`
      CREATE TABLE letter_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text NOT NULL,
        locale text NOT NULL CHECK (locale IN ('ar', 'en')),
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX letter_templates_organization ON letter_templates (organization_id)`);
    await db.query(`
      CREATE TABLE letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        branch_id uuid REFERENCES branches(id) ON DELETE SET NULL,
        direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        scope uuid NOT NULL,
        year integer NOT NULL,
        sequence integer NOT NULL,
        number text NOT NULL,
        letter_date date NOT NULL,
        hijri_date text NOT NULL,
        correspondent text NOT NULL,
        correspondent_reference text,
        subject text NOT NULL,
        attachments_count integer NOT NULL DEFAULT 0 CHECK (attachments_count >= 0),
        pages jsonb NOT NULL DEFAULT '[]',
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        message_id uuid,
        template_id uuid REFERENCES letter_templates(id) ON DELETE SET NULL,
        locale text CHECK (locale IN ('ar', 'en')),
        body text,
        pdf jsonb,
        dispatch_method text CHECK (dispatch_method IN ('hand', 'post', 'email')),
        dispatched_at timestamptz,
        emailed_message_id uuid,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, scope, direction, year, sequence)
      )`);
    await db.query(`CREATE INDEX letters_register ON letters (organization_id, direction, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX letters_ticket ON letters (ticket_id)`);

    await db.query(`
      CREATE TABLE field_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('field_contact', 'walk_in', 'eligibility_visit')),
        occurred_at timestamptz NOT NULL,
        latitude double precision,
        longitude double precision,
        accuracy_meters double precision,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE SET NULL,
        message_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, client_key)
      )`);
    await db.query(`CREATE INDEX field_entries_user ON field_entries (user_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'field_entries', 'letters', 'letter_templates', 'letter_counters', 'letter_settings', 'pbx_calls', 'call_follow_ups', 'form_submissions', 'form_definitions',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
