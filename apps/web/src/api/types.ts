/** Shapes of the REST answers as JSON (dates arrive as ISO strings). Mirrors apps/api and libs/tickets. */

export type TicketStatus = 'new' | 'open' | 'pending' | 'resolved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type ChannelKind = 'api' | 'email' | 'whatsapp_web' | 'whatsapp_cloud' | 'web_form' | 'phone' | 'letter' | 'field';
export type Role = 'admin' | 'supervisor' | 'agent' | 'delegate' | 'researcher' | 'complaints_officer';
export type Locale = 'ar' | 'en';

export const OPEN_STATUSES: TicketStatus[] = ['new', 'open', 'pending'];
export const ALL_STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'resolved', 'closed'];
export const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
export const CHANNEL_KINDS: ChannelKind[] = ['whatsapp_cloud', 'whatsapp_web', 'email', 'web_form', 'phone', 'letter', 'field', 'api'];

export interface TicketListItem {
  id: string;
  reference: string;
  subject: string;
  type: string;
  status: TicketStatus;
  priority: TicketPriority;
  channelKind: ChannelKind;
  contactId: string;
  contactName: string | null;
  teamId: string | null;
  assigneeId: string | null;
  confidential: boolean;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  lastActivityAt: string;
  lastMessagePreview: string;
  createdAt: string;
  unread: boolean;
}

export interface TicketPage {
  items: TicketListItem[];
  nextCursor: string | null;
}

export interface TicketCounts {
  mine: number;
  unassigned: number;
  allOpen: number;
  teams: Record<string, number>;
  byStatus?: Record<string, number>;
  byChannel?: Record<string, number>;
}

export interface Ticket {
  id: string;
  reference: string;
  subject: string;
  type: string;
  status: TicketStatus;
  priority: TicketPriority;
  channelKind: ChannelKind;
  channelAccountId: string | null;
  contactId: string;
  teamId: string | null;
  assigneeId: string | null;
  confidential: boolean;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  lastActivityAt: string;
  createdAt: string;
}

export interface ContactIdentity {
  id: string;
  kind: 'phone' | 'email' | 'whatsapp' | 'national_id';
  value: string;
}

export interface OtherTicket {
  id: string;
  reference: string;
  subject: string;
  status: TicketStatus;
  channelKind: ChannelKind;
  createdAt: string;
}

export interface Contact {
  id: string;
  name: string | null;
  kind: string;
  gender: 'male' | 'female' | null;
  notes: string | null;
  identities: ContactIdentity[];
  otherTickets?: OtherTicket[];
}

export type MessageDirection = 'inbound' | 'outbound' | 'note' | 'event';
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface Attachment {
  fileName: string;
  contentType: string;
  size: number;
}

export interface Message {
  id: string;
  ticketId: string;
  direction: MessageDirection;
  channelAccountId: string | null;
  authorUserId: string | null;
  senderName: string | null;
  body: string;
  html: string | null;
  attachments: Attachment[];
  deliveryStatus: DeliveryStatus | null;
  failureReason: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

export interface TicketDetail {
  ticket: Ticket;
  contact: Contact;
  messages: Message[];
}

export interface Workspace {
  user: { id: string; name: string; email: string; roles: Role[]; locale: Locale };
  organization: { id: string; slug: string; nameAr: string; nameEn: string; timeZone: string };
  teams: { id: string; nameAr: string; nameEn: string; section: string; purpose: string }[];
  users: { id: string; name: string; roles: Role[]; teamIds: string[] }[];
}

/** WhatsApp's 24-hour window on the ticket's Cloud API number (GET /tickets/:id/reply-window). */
export interface ReplyWindow {
  channelAccountId: string | null;
  channelKind: string | null;
  open: boolean;
  lastInboundAt: string | null;
  closesAt: string | null;
  templates: WhatsAppTemplate[];
  templatesError?: string;
}

export interface WhatsAppTemplate {
  name: string;
  language: string;
  category: string | null;
  body: string;
  parameters: number;
}

export interface ReplyTemplate {
  id: string;
  name: string;
  locale: Locale;
  body: string;
}

export interface Load {
  teams: { teamId: string | null; open: number; unassigned: number; overdue: number }[];
  agents: { userId: string; status?: 'available' | 'away' | 'offline'; open: number; pending: number; overdue: number }[];
}

export interface BulkResult {
  updated: string[];
  notFound: string[];
}

export interface TicketChange {
  status?: TicketStatus;
  priority?: TicketPriority;
  teamId?: string | null;
  assigneeId?: string | null;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}
