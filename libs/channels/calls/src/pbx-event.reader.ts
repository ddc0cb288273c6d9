import { InvalidError, toAsciiDigits } from '@inbox/core';
import { CallDirection } from './call-record';
import { PbxEvent, PbxEventKind } from './pbx-events.service';

/** The names PBXs and their scripts use for each fact (compared lower-cased, without _ and -). */
const NAMES = {
  event: ['event', 'type', 'state'],
  callId: ['callid', 'uniqueid', 'linkedid', 'id'],
  direction: ['direction', 'dir', 'calltype'],
  from: ['from', 'caller', 'callerid', 'callernumber', 'src', 'source', 'calleridnum'],
  to: ['to', 'called', 'callednumber', 'dst', 'destination', 'exten'],
  extension: ['extension', 'ext', 'agentextension', 'answeredby'],
  agentEmail: ['agentemail', 'agent'],
  callerName: ['callername', 'calleridname', 'name'],
  at: ['at', 'time', 'timestamp', 'eventtime'],
  duration: ['durationseconds', 'billsec', 'duration', 'talktime'],
  disposition: ['disposition', 'outcome', 'result', 'status'],
} as const;

const EVENTS: Record<string, PbxEventKind> = {
  ringing: 'ringing', ring: 'ringing', start: 'ringing', started: 'ringing', newchannel: 'ringing', incoming: 'ringing', callstart: 'ringing',
  answered: 'answered', answer: 'answered', bridge: 'answered', connected: 'answered', established: 'answered',
  ended: 'ended', end: 'ended', hangup: 'ended', hungup: 'ended', completed: 'ended', callend: 'ended', cdr: 'ended',
};
const DIRECTIONS: Record<string, CallDirection> = { incoming: 'incoming', inbound: 'incoming', in: 'incoming', outgoing: 'outgoing', outbound: 'outgoing', out: 'outgoing' };

const key = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');

/**
 * A PBX request body (JSON or form fields) as a PbxEvent. Unknown fields are
 * ignored, as PBXs send many; the facts we use are checked and named when
 * wrong.
 */
export function readPbxEvent(body: Record<string, unknown>): PbxEvent {
  const fields = new Map(Object.entries(body ?? {}).map(([name, value]) => [key(name), value]));
  const pick = (names: readonly string[]) => {
    for (const name of names) {
      const value = fields.get(name);
      if (value !== undefined && value !== null && String(value).trim() !== '') return String(value).trim();
    }
    return null;
  };
  const eventName = pick(NAMES.event)?.toLowerCase().replace(/[_\-\s]/g, '') ?? '';
  const event = EVENTS[eventName];
  if (!event) throw new InvalidError('event', `event must be ringing, answered or ended (got "${eventName}")`);
  const callId = pick(NAMES.callId);
  if (!callId || callId.length > 200) throw new InvalidError('callId', 'callId (the PBX\'s id of the call, e.g. Asterisk\'s uniqueid) is required');
  const directionName = pick(NAMES.direction)?.toLowerCase() ?? 'incoming';
  const direction = DIRECTIONS[directionName];
  if (!direction) throw new InvalidError('direction', 'direction must be incoming or outgoing');
  const from = pick(NAMES.from);
  const to = pick(NAMES.to);
  if (!(direction === 'incoming' ? from : to)) throw new InvalidError(direction === 'incoming' ? 'from' : 'to', 'The other party\'s number is required');
  const atRaw = pick(NAMES.at);
  let at: Date | null = null;
  if (atRaw) {
    const ascii = toAsciiDigits(atRaw);
    at = /^\d{9,10}(\.\d+)?$/.test(ascii) ? new Date(Number(ascii) * 1000) : new Date(ascii);
    if (Number.isNaN(at.getTime())) throw new InvalidError('at', 'at is an ISO date-time or unix seconds');
  }
  const durationRaw = pick(NAMES.duration);
  const durationSeconds = durationRaw === null ? null : Number(toAsciiDigits(durationRaw));
  if (durationSeconds !== null && (!Number.isInteger(durationSeconds) || durationSeconds < 0 || durationSeconds > 86_400)) {
    throw new InvalidError('durationSeconds', 'durationSeconds is a whole number of seconds');
  }
  return {
    event, callId, direction, from: from ?? '', to: to ?? '',
    extension: pick(NAMES.extension), agentEmail: pick(NAMES.agentEmail)?.includes('@') ? pick(NAMES.agentEmail) : null,
    callerName: pick(NAMES.callerName)?.slice(0, 200) ?? null, at, durationSeconds, disposition: pick(NAMES.disposition),
  };
}
