import { MigrationInterface, QueryRunner } from 'typeorm';

const SLUG = `CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$')`;

/**
 * The reference shelf: documents (uploaded) and articles (written in the
 * app), each an item with numbered versions of which one is current; the
 * help center shows the current version of the public items.
 *
 * A version is never edited: a correction is a new version, so what was
 * approved in which session stays readable. Its text is cut into passages,
 * each with its own search vector (the item's title weighted below the
 * passage's own words), so a search answers with the passage that matched.
 * Only the current version's passages are searched. Feedback from the help
 * center ("was this helpful?") is kept per item for the admins.
 */
export class Shelf1733300000000 implements MigrationInterface {
  name = 'Shelf1733300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shelf_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        slug text NOT NULL ${SLUG},
        name_ar text NOT NULL CHECK (length(name_ar) BETWEEN 1 AND 120),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, slug)
      )`);
    await db.query(`
      CREATE TABLE shelf_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('document', 'article')),
        category_id uuid REFERENCES shelf_categories(id) ON DELETE SET NULL,
        slug text NOT NULL ${SLUG},
        audience text NOT NULL DEFAULT 'internal' CHECK (audience IN ('internal', 'public')),
        current_version_id uuid,
        archived_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, slug)
      )`);
    await db.query(`
      CREATE TABLE shelf_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES shelf_items(id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        language text NOT NULL CHECK (language IN ('ar', 'en', 'both')),
        title_ar text CHECK (length(title_ar) <= 200),
        title_en text CHECK (length(title_en) <= 200),
        body_ar text,
        body_en text,
        approval text CHECK (length(approval) <= 300),
        approved_on date,
        change_note text CHECK (length(change_note) <= 500),
        file_key text,
        file_name text,
        content_type text,
        size_bytes integer,
        text_source text CHECK (text_source IN ('extracted', 'entered', 'written')),
        text_chars integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (item_id, number),
        CHECK (coalesce(title_ar, title_en) IS NOT NULL)
      )`);
    await db.query(`ALTER TABLE shelf_items ADD CONSTRAINT shelf_items_current_version
      FOREIGN KEY (current_version_id) REFERENCES shelf_versions(id) DEFERRABLE INITIALLY DEFERRED`);
    await db.query(`
      CREATE TABLE shelf_passages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        item_id uuid NOT NULL REFERENCES shelf_items(id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES shelf_versions(id) ON DELETE CASCADE,
        locale text CHECK (locale IN ('ar', 'en')),
        position integer NOT NULL,
        body text NOT NULL,
        search_vector tsvector NOT NULL
      )`);
    await db.query(`CREATE INDEX shelf_passages_search ON shelf_passages USING gin (search_vector)`);
    await db.query(`CREATE INDEX shelf_passages_version ON shelf_passages (version_id, position)`);
    await db.query(`CREATE INDEX shelf_items_org ON shelf_items (organization_id, audience) WHERE archived_at IS NULL`);
    await db.query(`
      CREATE TABLE shelf_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        item_id uuid NOT NULL REFERENCES shelf_items(id) ON DELETE CASCADE,
        version_number integer NOT NULL,
        locale text NOT NULL CHECK (locale IN ('ar', 'en')),
        helpful boolean NOT NULL,
        comment text CHECK (length(comment) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX shelf_feedback_item ON shelf_feedback (item_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE shelf_feedback`);
    await db.query(`DROP TABLE shelf_passages`);
    await db.query(`ALTER TABLE shelf_items DROP CONSTRAINT shelf_items_current_version`);
    await db.query(`DROP TABLE shelf_versions`);
    await db.query(`DROP TABLE shelf_items`);
    await db.query(`DROP TABLE shelf_categories`);
  }
}
