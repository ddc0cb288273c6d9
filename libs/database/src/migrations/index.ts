import { InitialSchema1732240000000 } from './1732240000000-initial-schema';
import { IngestFunction1732320000000 } from './1732320000000-ingest-function';
import { IngestBatch1732400000000 } from './1732400000000-ingest-batch';
import { Realtime1732500000000 } from './1732500000000-realtime';
import { Email1732600000000 } from './1732600000000-email';
import { Complaints1732700000000 } from './1732700000000-complaints';
import { Channels1732800000000 } from './1732800000000-channels';
import { Assignment1732900000000 } from './1732900000000-assignment';
import { Sla1733000000000 } from './1733000000000-sla';
import { Surveys1733100000000 } from './1733100000000-surveys';
import { Reports1733200000000 } from './1733200000000-reports';
import { TypedMessagesOutsideComplaints1733250000000 } from './1733250000000-typed-messages-outside-complaints';
import { Shelf1733300000000 } from './1733300000000-shelf';
import { ReportSpeed1733400000000 } from './1733400000000-report-speed';
import { WhatsApp1733500000000 } from './1733500000000-whatsapp';
import { Cases1733600000000 } from './1733600000000-cases';
import { CaseVisitsReviews1733700000000 } from './1733700000000-case-visits-reviews';
import { IdentityLookup1733800000000 } from './1733800000000-identity-lookup';
import { SlaBreachMarks1733900000000 } from './1733900000000-sla-breach-marks';
import { UnacknowledgedComplaints1734000000000 } from './1734000000000-unacknowledged-complaints';

/** Every migration, in the order of their timestamps. Listed, not globbed, so the bundled apps carry them. */
export const migrations = [
  InitialSchema1732240000000,
  IngestFunction1732320000000,
  IngestBatch1732400000000,
  Realtime1732500000000,
  Email1732600000000,
  Complaints1732700000000,
  Channels1732800000000,
  Assignment1732900000000,
  Sla1733000000000,
  Surveys1733100000000,
  Reports1733200000000,
  TypedMessagesOutsideComplaints1733250000000,
  Shelf1733300000000,
  ReportSpeed1733400000000,
  WhatsApp1733500000000,
  Cases1733600000000,
  CaseVisitsReviews1733700000000,
  IdentityLookup1733800000000,
  SlaBreachMarks1733900000000,
  UnacknowledgedComplaints1734000000000,
];
