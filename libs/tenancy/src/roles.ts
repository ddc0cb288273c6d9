export const Role = {
  Admin: 'admin',
  Supervisor: 'supervisor',
  Agent: 'agent',
  Delegate: 'delegate',
  Researcher: 'researcher',
  ComplaintsOfficer: 'complaints_officer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

export const TeamSection = { Men: 'men', Women: 'women', Mixed: 'mixed' } as const;
export type TeamSection = (typeof TeamSection)[keyof typeof TeamSection];

export const TeamPurpose = { Service: 'service', Research: 'research', Complaints: 'complaints' } as const;
export type TeamPurpose = (typeof TeamPurpose)[keyof typeof TeamPurpose];

/** Who is acting: every service call is scoped by it, so no query runs without an organization. */
export interface Actor {
  userId: string;
  organizationId: string;
  roles: Role[];
  teamIds: string[];
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((role) => actor.roles.includes(role));

/** Admins and supervisors see every non-confidential ticket of their organization. */
export const seesWholeOrganization = (actor: Actor) => hasRole(actor, Role.Admin, Role.Supervisor);

/** Complaints officers see confidential (complaint) tickets, unless a complaint names them; see confidentialAccessSql for the whole rule. */
export const seesConfidential = (actor: Actor) => hasRole(actor, Role.ComplaintsOfficer);
