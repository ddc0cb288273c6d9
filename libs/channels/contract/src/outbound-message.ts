import { ChannelKind } from './inbound-message';

/** What the outbound job hands an adapter: everything it needs, so adapters stay stateless. */
export interface OutboundMessage {
  messageId: string;
  organizationId: string;
  ticket: { id: string; reference: string; subject: string };
  channel: {
    id: string;
    kind: ChannelKind;
    settings: Record<string, unknown>;
    secrets: Record<string, string>;
  };
  recipient: { name: string | null; identities: { kind: string; value: string }[] };
  text: string;
  html: string | null;
  attachments: { storageKey: string; fileName: string; contentType: string; size: number }[];
  /** External ids of the conversation so far, oldest first, for threading on the far side. */
  thread: { inReplyTo: string | null; references: string[] };
  author: { id: string; name: string } | null;
  /** What the reply carries for its channel (a WhatsApp template to send instead of free text). */
  metadata?: Record<string, unknown>;
}

export interface SendResult {
  /** The provider's id for the sent message, stored as the message's external id. */
  externalId: string | null;
  metadata?: Record<string, unknown>;
}

/** A failure the adapter knows retrying cannot fix (bad address, rejected by the provider). */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/**
 * The message can only be sent by the process that runs its account (a
 * WhatsApp Web number lives in one worker's browser): the outbound job hands
 * it to that account's own queue, which only the owner works.
 */
export class SendElsewhereError extends Error {
  constructor(readonly queue: string, message = 'The account runs in another worker') {
    super(message);
    this.name = 'SendElsewhereError';
  }
}
