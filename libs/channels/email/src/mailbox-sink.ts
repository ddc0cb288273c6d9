import { InboundMessage } from '@inbox/channels/contract';

/**
 * Where a mailbox's mail goes once read. The email channel only maps mail;
 * the process that runs the connectors (the worker) answers with ingest, the
 * one writer of inbound messages, and the outbound service, which owns
 * delivery status.
 */
export interface MailboxSink {
  /** Writes the message through ingest (idempotent on its external id); answers whether it was already there. */
  ingest(message: InboundMessage): Promise<{ duplicate: boolean }>;
  /** Marks our outbound message with one of these Message-IDs failed; answers whether one was found. */
  bounced(channelAccountId: string, messageIds: string[], reason: string): Promise<boolean>;
  /** Which of these external ids the account already holds, so a refetched mail is not stored again. */
  known(channelAccountId: string, externalIds: string[]): Promise<Set<string>>;
}

export const MAILBOX_SINK = Symbol('MailboxSink');
