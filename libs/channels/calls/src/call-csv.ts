import { parse } from 'csv-parse/sync';
import { localTimeToInstant, toAsciiDigits } from '@inbox/core';
import { normalizePhone } from '@inbox/contacts';
import { CallDirection, CallOutcome } from './call-record';

/** One row of an export, read and checked; `errors` says what is wrong with it, in the row's own terms. */
export interface CsvCallRow {
  line: number;
  errors: string[];
  call: {
    callId: string | null;
    direction: CallDirection;
    number: string;
    startedAt: Date;
    durationSeconds: number;
    outcome: CallOutcome;
    agent: string | null;
    notes: string | null;
  } | null;
}

export const CSV_LIMITS = { rows: 5000, bytes: 2 * 1024 * 1024 };

type Column = 'callId' | 'start' | 'direction' | 'from' | 'to' | 'duration' | 'outcome' | 'agent' | 'notes';

/** Header names PBX exports use (3CX, FreePBX CDR reports, spreadsheets), lower-cased with spaces and dashes as underscores. */
const HEADERS: Record<string, Column> = {
  uniqueid: 'callId', call_id: 'callId', callid: 'callId', id: 'callId', linkedid: 'callId',
  start: 'start', start_time: 'start', calldate: 'start', call_date: 'start', date: 'start', datetime: 'start', time: 'start', call_time: 'start', started_at: 'start',
  direction: 'direction', type: 'direction', call_type: 'direction',
  from: 'from', src: 'from', source: 'from', caller: 'from', caller_id: 'from', callerid: 'from', clid: 'from', caller_number: 'from',
  to: 'to', dst: 'to', destination: 'to', callee: 'to', called: 'to', called_number: 'to',
  billsec: 'duration', duration: 'duration', talk_time: 'duration', talking: 'duration', duration_seconds: 'duration',
  disposition: 'outcome', status: 'outcome', outcome: 'outcome', result: 'outcome',
  agent: 'agent', agent_email: 'agent', extension: 'agent', ext: 'agent',
  notes: 'notes', note: 'notes', comment: 'notes', comments: 'notes',
};

/**
 * Asterisk's Master.csv has no header: accountcode, src, dst, dcontext, clid,
 * channel, dstchannel, lastapp, lastdata, start, answer, end, duration,
 * billsec, disposition, amaflags, [accountcode,] uniqueid, userfield.
 */
const ASTERISK = { from: 1, to: 2, start: 9, billsec: 13, disposition: 14 };
const DISPOSITIONS = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION']);

const OUTCOMES: Record<string, CallOutcome> = {
  answered: 'answered', completed: 'answered', success: 'answered', 'تم الرد': 'answered', 'لم يتم الرد': 'missed', فائتة: 'missed',
  'no answer': 'missed', no_answer: 'missed', noanswer: 'missed', missed: 'missed', busy: 'missed', failed: 'missed', congestion: 'missed', unanswered: 'missed',
  abandoned: 'missed', callback: 'callback_needed', callback_needed: 'callback_needed', 'callback needed': 'callback_needed',
};
const DIRECTIONS: Record<string, CallDirection> = {
  incoming: 'incoming', inbound: 'incoming', in: 'incoming', وارد: 'incoming', واردة: 'incoming',
  outgoing: 'outgoing', outbound: 'outgoing', out: 'outgoing', صادر: 'outgoing', صادرة: 'outgoing',
};

/** Extensions are short; anything longer is an outside number. */
const isExtension = (value: string) => /^\d{2,5}$/.test(value.trim());

/** A date and time as exports write them: ISO with a zone, or local "YYYY-MM-DD HH:MM[:SS]" in the organization's zone, or unix seconds. */
export function parseCallTime(raw: string, timeZone: string): Date | null {
  const value = toAsciiDigits(raw.trim());
  if (/^\d{9,10}$/.test(value)) return new Date(Number(value) * 1000);
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const calendar = new Date(Date.UTC(y!, mo! - 1, d!));
  if (calendar.getUTCMonth() !== mo! - 1 || calendar.getUTCDate() !== d! || h! > 23 || mi! > 59 || (s ?? 0) > 59) return null;
  return new Date(localTimeToInstant(y!, mo!, d!, h! * 60 + mi!, timeZone).getTime() + (s || 0) * 1000);
}

/** Seconds from "95", "1:35" or "00:01:35". */
function parseDuration(raw: string): number | null {
  const value = toAsciiDigits(raw.trim());
  if (value === '') return 0;
  if (/^\d+$/.test(value)) return Number(value);
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d{1,2}$/.test(p))) return null;
  return parts.map(Number).reduce((total, part) => total * 60 + part, 0);
}

/**
 * Reads a call-record export (with a header, or Asterisk's Master.csv without
 * one) and checks every row: a number that is a phone, a time, a duration,
 * an outcome. Nothing is written here: the preview shows these rows, the
 * import writes the good ones.
 */
export function readCallCsv(text: string, timeZone: string): { rows: CsvCallRow[]; format: 'header' | 'asterisk' } {
  const records: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  if (records.length === 0) return { rows: [], format: 'header' };
  const header = records[0]!.map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));
  const columns = new Map<Column, number>();
  header.forEach((name, index) => {
    const column = HEADERS[name];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const asterisk = columns.size < 2 && records[0]!.length >= 16 && DISPOSITIONS.has(records[0]![ASTERISK.disposition] ?? '');
  const body = asterisk ? records : records.slice(1);
  const firstLine = asterisk ? 1 : 2;
  const rows = body.slice(0, CSV_LIMITS.rows).map((record, index): CsvCallRow => {
    const get = (column: Column) => {
      const at = columns.get(column);
      return at === undefined ? '' : (record[at] ?? '').trim();
    };
    const raw = asterisk
      ? {
        callId: record[record.length - 2] ?? '', start: record[ASTERISK.start] ?? '', from: record[ASTERISK.from] ?? '', to: record[ASTERISK.to] ?? '',
        duration: record[ASTERISK.billsec] ?? '', outcome: record[ASTERISK.disposition] ?? '', direction: '', agent: '', notes: '',
      }
      : { callId: get('callId'), start: get('start'), from: get('from'), to: get('to'), duration: get('duration'), outcome: get('outcome'), direction: get('direction'), agent: get('agent'), notes: get('notes') };
    return checkRow(index + firstLine, raw, timeZone);
  });
  return { rows, format: asterisk ? 'asterisk' : 'header' };
}

function checkRow(line: number, raw: Record<Column, string>, timeZone: string): CsvCallRow {
  const errors: string[] = [];
  let direction = DIRECTIONS[raw.direction.toLowerCase()];
  if (raw.direction && !direction) errors.push(`direction "${raw.direction}" is neither incoming nor outgoing`);
  // Without a direction column, an extension on one side tells which way the call went.
  direction ??= isExtension(raw.from) && !isExtension(raw.to) ? 'outgoing' : 'incoming';
  const other = direction === 'incoming' ? raw.from : raw.to;
  let number: string | null = null;
  if (!other) errors.push(`no ${direction === 'incoming' ? 'caller' : 'called'} number`);
  else {
    try {
      number = normalizePhone(other);
    } catch {
      errors.push(`"${other}" is not a phone number`);
    }
  }
  const startedAt = raw.start ? parseCallTime(raw.start, timeZone) : null;
  if (!startedAt) errors.push(raw.start ? `"${raw.start}" is not a date and time` : 'no date and time');
  const durationSeconds = parseDuration(raw.duration);
  if (durationSeconds === null || durationSeconds > 86_400) errors.push(`"${raw.duration}" is not a duration`);
  let outcome = OUTCOMES[raw.outcome.toLowerCase()];
  if (raw.outcome && !outcome) errors.push(`outcome "${raw.outcome}" is not answered, missed or callback needed`);
  outcome ??= (durationSeconds ?? 0) > 0 ? 'answered' : 'missed';
  if (raw.notes.length > 2000) errors.push('notes are longer than 2000 characters');
  if (errors.length) return { line, errors, call: null };
  return {
    line, errors,
    call: {
      callId: raw.callId || null, direction, number: number!, startedAt: startedAt!, durationSeconds: outcome === 'answered' ? durationSeconds! : 0,
      outcome, agent: raw.agent || null, notes: raw.notes || null,
    },
  };
}
