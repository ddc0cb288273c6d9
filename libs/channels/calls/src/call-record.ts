import { ChannelKind, InboundMessage } from '@inbox/channels/contract';

export const CallDirection = { Incoming: 'incoming', Outgoing: 'outgoing' } as const;
export type CallDirection = (typeof CallDirection)[keyof typeof CallDirection];

export const CallOutcome = { Answered: 'answered', Missed: 'missed', CallbackNeeded: 'callback_needed' } as const;
export type CallOutcome = (typeof CallOutcome)[keyof typeof CallOutcome];

export type CallSource = 'agent' | 'pbx' | 'import';

/** One call, from whichever source: an agent's log, the PBX's end event, a row of a CSV export. */
export interface CallRecord {
  /** The dedupe key within the phone account: the same call logged twice is one message. */
  externalId: string;
  source: CallSource;
  direction: CallDirection;
  /** The other party's number (the caller of an incoming call, the callee of an outgoing one), as given. */
  number: string;
  callerName?: string | null;
  startedAt: Date;
  durationSeconds: number;
  outcome: CallOutcome;
  notes?: string | null;
  agent?: { id: string; name: string } | null;
  extension?: string | null;
  ticketReference?: string | null;
  /** Open a new ticket rather than joining the caller's open one (the agent chose "new ticket"). */
  newTicket?: boolean;
}

const DIRECTION_AR: Record<CallDirection, string> = { incoming: 'مكالمة واردة', outgoing: 'مكالمة صادرة' };
const OUTCOME_AR: Record<CallOutcome, string> = { answered: 'تم الرد', missed: 'لم يتم الرد', callback_needed: 'تحتاج معاودة اتصال' };

export const formatDuration = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Whether the call leaves someone to call back. */
export const needsFollowUp = (outcome: CallOutcome) => outcome === 'missed' || outcome === 'callback_needed';

/**
 * A call as the message ingest writes: a summary line in the organization's
 * first language (the timeline renders the facts from `metadata.call` in the
 * reader's language), the agent's notes, and the facts themselves.
 */
export function callMessage(record: CallRecord, channelAccountId: string): InboundMessage {
  const summary = [DIRECTION_AR[record.direction], OUTCOME_AR[record.outcome], ...(record.durationSeconds > 0 ? [`المدة ${formatDuration(record.durationSeconds)}`] : [])]
    .join(' — ');
  return {
    channelKind: ChannelKind.Phone,
    channelAccountId,
    externalId: record.externalId,
    sender: { name: record.callerName?.trim() || null, identities: [{ kind: 'phone', value: record.number }] },
    text: record.notes?.trim() ? `${summary}\n${record.notes.trim()}` : summary,
    sentAt: record.startedAt,
    threadHints: record.ticketReference ? { ticketReference: record.ticketReference } : record.newTicket ? { explicitOnly: true } : undefined,
    typeHint: 'inquiry',
    metadata: {
      call: {
        source: record.source, direction: record.direction, number: record.number, startedAt: record.startedAt.toISOString(),
        durationSeconds: record.durationSeconds, outcome: record.outcome, agentId: record.agent?.id ?? null, agentName: record.agent?.name ?? null,
        extension: record.extension ?? null,
      },
    },
  };
}
