import { InitialSchema1732240000000 } from './1732240000000-initial-schema';

/** Every migration, in order. Listed, not globbed, so the bundled apps carry them. */
export const migrations = [InitialSchema1732240000000];
