import type { Role } from '../api/types';

/** Who works the calls and letters desks (the api's own rule: every staff role but the field delegate). */
const DESK_ROLES: Role[] = ['admin', 'supervisor', 'agent', 'complaints_officer', 'researcher'];

export const worksDesks = (roles: Role[]) => roles.some((role) => DESK_ROLES.includes(role));
