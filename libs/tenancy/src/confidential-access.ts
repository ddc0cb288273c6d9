import { Actor, seesConfidential } from './roles';

/**
 * Who may see a confidential (complaint) ticket: the organization's
 * complaints officers and the users explicitly added to its case, minus
 * everyone the complaint names (and, when the organization says so, the
 * supervisors of their teams), who are listed in complaint_exclusions.
 * This one SQL condition serves lists, counts, search, replay, contact
 * ticket lists and single-ticket reads alike.
 *
 * @param alias the tickets alias in the caller's query
 * @param user  the placeholder that holds the actor's user id
 */
export function confidentialAccessSql(actor: Actor, alias: string, user: string): string {
  const excluded = `EXISTS (SELECT 1 FROM complaint_exclusions x WHERE x.ticket_id = ${alias}.id AND x.user_id = ${user}::uuid)`;
  const participant = `EXISTS (SELECT 1 FROM complaint_participants cp WHERE cp.ticket_id = ${alias}.id AND cp.user_id = ${user}::uuid)`;
  return `(NOT ${alias}.confidential OR (${seesConfidential(actor) ? 'true' : participant} AND NOT ${excluded}))`;
}
