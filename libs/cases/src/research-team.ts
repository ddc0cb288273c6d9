import { EntityManager } from 'typeorm';

/**
 * The social-research team that takes a request or review from a ticket of
 * this team: the research team of the same section first, else the first
 * research team of the organization; null when it has none.
 */
export async function researchTeamFor(manager: EntityManager, organizationId: string, teamId: string | null): Promise<string | null> {
  const [team] = await manager.query(
    `SELECT r.id FROM teams r LEFT JOIN teams current ON current.id = $2
     WHERE r.organization_id = $1 AND r.purpose = 'research' ORDER BY (r.section = current.section) DESC NULLS LAST, r.created_at LIMIT 1`,
    [organizationId, teamId],
  );
  return (team?.id as string | undefined) ?? null;
}
