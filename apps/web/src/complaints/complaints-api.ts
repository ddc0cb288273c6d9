import { request } from '../api/http';

/** Shapes and calls of the confidential case behind a complaint ticket (apps/api/src/complaints). */
export type ComplaintDecision = 'upheld' | 'partially_upheld' | 'not_upheld' | 'withdrawn';
export const DECISIONS: ComplaintDecision[] = ['upheld', 'partially_upheld', 'not_upheld', 'withdrawn'];

export interface ComplaintCase {
  ticketId: string;
  reference: string;
  status: string;
  trackingCode: string;
  parties: { id: string; userId: string | null; name: string; role: string | null }[];
  participants: { userId: string; name: string; addedAt: string }[];
  findings: string | null;
  actionTaken: string | null;
  decision: ComplaintDecision | null;
  decidedAt: string | null;
  acknowledgedAt: string | null;
  closureNotice: string | null;
  closureNoticeSentAt: string | null;
  erasedAt: string | null;
}

export interface AccessEntry {
  id: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  at: string;
}

export type NoticeKind = 'acknowledgement' | 'closure';
export interface NoticeTemplate {
  kind: NoticeKind;
  locale: 'ar' | 'en';
  body: string;
  custom: boolean;
  updatedAt: string | null;
}
/** The only fields a notice may carry (libs/complaints/src/notice.ts); findings and action taken are not among them. */
export const NOTICE_PLACEHOLDERS = ['{{reference}}', '{{trackingCode}}', '{{openedDate}}', '{{closedDate}}', '{{organization.name}}'];

const base = (ticketId: string) => `/complaints/${ticketId}`;

export const complaintsApi = {
  get: (ticketId: string) => request<ComplaintCase>('GET', base(ticketId)),
  saveFindings: (ticketId: string, input: { findings?: string; actionTaken?: string }) => request<ComplaintCase>('PATCH', base(ticketId), input),
  addParticipant: (ticketId: string, userId: string) => request<ComplaintCase>('POST', `${base(ticketId)}/participants`, { userId }),
  removeParticipant: (ticketId: string, userId: string) => request<ComplaintCase>('DELETE', `${base(ticketId)}/participants/${userId}`),
  addParty: (ticketId: string, party: { userId?: string; name?: string; role?: string }) => request<ComplaintCase>('POST', `${base(ticketId)}/parties`, party),
  removeParty: (ticketId: string, partyId: string) => request<ComplaintCase>('DELETE', `${base(ticketId)}/parties/${partyId}`),
  close: (ticketId: string, decision: ComplaintDecision) => request<ComplaintCase>('POST', `${base(ticketId)}/close`, { decision }),
  accessLog: (ticketId: string) => request<AccessEntry[]>('GET', `${base(ticketId)}/access-log`),
  noticeTemplates: () => request<NoticeTemplate[]>('GET', '/admin/notice-templates'),
  saveNoticeTemplate: (kind: NoticeKind, locale: 'ar' | 'en', body: string) =>
    request<NoticeTemplate>('PUT', `/admin/notice-templates/${kind}/${locale}`, { body }),
};
