import { InitialSchema1732240000000 } from './1732240000000-initial-schema';
import { IngestFunction1732320000000 } from './1732320000000-ingest-function';
import { Realtime1732500000000 } from './1732500000000-realtime';

/** Every migration, in order. Listed, not globbed, so the bundled apps carry them. */
export const migrations = [InitialSchema1732240000000, IngestFunction1732320000000, Realtime1732500000000];
