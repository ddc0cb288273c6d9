/** What every channel adapter produces: a pure mapping of the raw payload, nothing written yet. */
export const ChannelKind = {
  Api: 'api',
  Email: 'email',
  WhatsAppWeb: 'whatsapp_web',
  WhatsAppCloud: 'whatsapp_cloud',
  WebForm: 'web_form',
  Phone: 'phone',
  Letter: 'letter',
  Field: 'field',
} as const;
export type ChannelKind = (typeof ChannelKind)[keyof typeof ChannelKind];

export type SenderIdentityKind = 'phone' | 'email' | 'whatsapp' | 'national_id';

export interface InboundAttachment {
  /** Where the storage interface put the bytes. */
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

export const TicketTypeHint = {
  Inquiry: 'inquiry',
  SupportRequest: 'support_request',
  Registration: 'registration',
  Volunteer: 'volunteer',
  JobApplication: 'job_application',
  Complaint: 'complaint',
  Suggestion: 'suggestion',
  FieldVisit: 'field_visit',
  Review: 'review',
} as const;
export type TicketType = (typeof TicketTypeHint)[keyof typeof TicketTypeHint];

export interface InboundMessage {
  channelKind: ChannelKind;
  channelAccountId: string;
  /** The channel's own id for this message; the dedupe key within the channel account. */
  externalId: string;
  sender: {
    name?: string | null;
    gender?: 'male' | 'female' | null;
    /** Raw values as the channel gave them; ingest normalises them. */
    identities: { kind: SenderIdentityKind; value: string }[];
  };
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  attachments?: InboundAttachment[];
  sentAt?: Date | null;
  threadHints?: {
    /** External ids this message answers (email References / In-Reply-To, quoted WhatsApp ids). */
    replyToExternalIds?: string[];
    ticketReference?: string | null;
    /**
     * Thread by these hints only: with none of them matching, open a new
     * ticket rather than joining the sender's open one (email, where a new
     * mail without References is a new matter).
     */
    explicitOnly?: boolean;
  };
  /** Sent by a machine on the person's behalf (an auto-reply): kept on its ticket, which it neither reopens nor previews. */
  automatic?: boolean;
  typeHint?: TicketType | null;
  /** Channel-specific facts shown in the timeline (headers, ids, call duration, GPS). */
  metadata?: Record<string, unknown>;
}
