import { downloadFile, request } from '../api/http';

export type CallDirection = 'incoming' | 'outgoing';
export type CallOutcome = 'answered' | 'missed' | 'callback_needed';

export interface CallLog {
  direction: CallDirection;
  number?: string;
  contactId?: string;
  startedAt?: string;
  durationSeconds: number;
  outcome: CallOutcome;
  notes?: string;
  ticketId?: string;
  newTicket?: boolean;
  /** Sent again (a double click, a retry), the same key logs once. */
  clientKey: string;
}

export interface LoggedCall {
  duplicate: boolean;
  messageId: string;
  ticketId: string;
  ticketReference: string;
  contactId: string;
  ticketCreated: boolean;
  contactCreated: boolean;
  followUp: { id: string; dueAt: string } | null;
}

export interface FollowUp {
  id: string;
  ticketId: string;
  reference: string;
  reason: 'missed' | 'callback_needed';
  contactId: string | null;
  number: string;
  contactName: string | null;
  dueAt: string;
  assigneeId: string | null;
  doneAt: string | null;
}

export interface ImportedRow {
  line: number;
  errors: string[];
  call: { callId: string | null; direction: CallDirection; number: string; startedAt: string; durationSeconds: number; outcome: CallOutcome; agent: string | null; notes: string | null } | null;
  /** After an import: where the call went, or why it could not be written. */
  result?: { ticketReference: string; duplicate: boolean; followUp: boolean } | { error: string };
}

export interface ImportReport {
  format: 'header' | 'asterisk';
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  rows: ImportedRow[];
}

export type LetterDirection = 'incoming' | 'outgoing';
export type DispatchMethod = 'hand' | 'post' | 'email';

export interface Letter {
  id: string;
  direction: LetterDirection;
  number: string;
  displayNumber: string;
  letterDate: string;
  hijriDate: string;
  correspondent: string;
  correspondentReference: string | null;
  subject: string;
  attachmentsCount: number;
  pages: { fileName: string }[];
  contactId: string | null;
  ticketId: string | null;
  pdf: { fileName: string } | null;
  dispatchMethod: DispatchMethod | null;
  dispatchedAt: string | null;
  createdAt: string;
}

export interface IncomingLetter {
  sender: string;
  senderReference?: string;
  subject: string;
  attachmentsCount: number;
  letterDate?: string;
  contactName?: string;
  phone?: string;
  email?: string;
  nationalId?: string;
  ticketId?: string;
  notes?: string;
  pages: { fileName: string; contentBase64: string }[];
}

export interface LetterTemplate {
  id: string;
  name: string;
  locale: 'ar' | 'en';
  subject: string;
}

export interface OutgoingLetter {
  ticketId: string;
  templateId?: string;
  locale?: 'ar' | 'en';
  subject?: string;
  body?: string;
  recipient?: { name?: string; address?: string };
  attachmentsCount?: number;
  senderTitle?: string;
}

const query = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Calls and letters: the desks beside the inbox. */
export const desksApi = {
  logCall: (call: CallLog) => request<LoggedCall>('POST', '/calls', call),
  followUps: (params: { open?: boolean; mine?: boolean }) => request<FollowUp[]>('GET', `/calls/follow-ups${query(params)}`),
  completeFollowUp: (id: string) => request<void>('POST', `/calls/follow-ups/${id}/done`),
  importCalls: (csv: string, preview: boolean) => request<ImportReport>('POST', '/calls/import', { csv, preview }),
  letters: (params: { direction?: LetterDirection }) => request<Letter[]>('GET', `/letters${query({ ...params, limit: 200 })}`),
  registerIncoming: (letter: IncomingLetter) => request<Letter>('POST', '/letters/incoming', letter),
  issueOutgoing: (letter: OutgoingLetter) => request<Letter>('POST', '/letters/outgoing', letter),
  dispatch: (id: string, method: DispatchMethod, at?: string) => request<Letter>('POST', `/letters/${id}/dispatch`, { method, ...(at ? { at } : {}) }),
  letterTemplates: () => request<LetterTemplate[]>('GET', '/admin/letters/templates'),
};

/** A file the browser picked, as the base64 the JSON API takes. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/** A letter's PDF, as a download. */
export const downloadLetterPdf = (letter: Pick<Letter, 'id' | 'pdf'>) => downloadFile(`/letters/${letter.id}/pdf`, letter.pdf?.fileName ?? 'letter.pdf');
