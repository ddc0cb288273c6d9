import { MigrationInterface, QueryRunner } from 'typeorm';

const FUNCTION = `'inbox_ingest_message(jsonb, uuid, boolean)'::regprocedure`;
/** The one condition of `inbox_ingest_message` this migration changes: which of the contact's open tickets a message may join. */
const BEFORE = `AND (e ->> 'type' IS DISTINCT FROM 'complaint' OR tickets.confidential)`;
const AFTER = `AND (CASE WHEN tickets.confidential THEN e ->> 'type' = 'complaint' OR NOT coalesce((e ->> 'type_explicit')::boolean, false)
                   ELSE e ->> 'type' IS DISTINCT FROM 'complaint' END)`;

/**
 * The other half of "a complaint never joins a ticket others see": a message
 * that says it is something else (an integrator's inquiry or support request)
 * never joins the contact's open complaint, where only the complaints
 * officers would read it and the service team would never answer it. An
 * untyped message (a WhatsApp or SMS reply) still joins the open complaint:
 * that is the complainant answering the officer's question.
 *
 * The function is patched in place (its definition read back, the one
 * condition replaced, checked, and created again) rather than restated whole.
 */
export class TypedMessagesOutsideComplaints1733250000000 implements MigrationInterface {
  name = 'TypedMessagesOutsideComplaints1733250000000';

  async up(db: QueryRunner): Promise<void> {
    await replaceCondition(db, BEFORE, AFTER);
  }

  async down(db: QueryRunner): Promise<void> {
    await replaceCondition(db, AFTER, BEFORE);
  }
}

async function replaceCondition(db: QueryRunner, from: string, to: string): Promise<void> {
  const [{ definition }] = await db.query(`SELECT pg_get_functiondef(${FUNCTION}) AS definition`);
  const occurrences = (definition as string).split(from).length - 1;
  if (occurrences !== 1) throw new Error(`inbox_ingest_message: expected the thread condition once, found it ${occurrences} times`);
  await db.query((definition as string).replace(from, to));
}
