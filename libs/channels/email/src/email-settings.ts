import { InvalidError } from '@inbox/core';

/** How the SMTP connection is protected: implicit TLS (465), STARTTLS (587) or none (a relay on a trusted network). */
export const SmtpSecurity = { Tls: 'tls', StartTls: 'starttls', None: 'none' } as const;
export type SmtpSecurity = (typeof SmtpSecurity)[keyof typeof SmtpSecurity];

/** An email channel account's settings (stored as the account's `settings`; passwords are in its sealed secrets). */
export interface EmailSettings {
  /** The mailbox's own address: the From of replies, and how our own mail is recognised. */
  address: string;
  displayName: string | null;
  imap: { host: string; port: number; tls: boolean; user: string; folder: string };
  smtp: { host: string; port: number; security: SmtpSecurity; user: string | null };
  /** Where a copy of each sent reply is appended; null when the SMTP server files it itself (Gmail, Exchange) or nobody wants it. */
  sentFolder: string | null;
  /** Largest attachment kept from an inbound email; bigger ones are listed on the message, not stored. */
  maxAttachmentBytes: number | null;
  /** On the mailbox's first connection, mail that arrived this many days before is imported; older mail is left alone. */
  importDays: number;
}

export interface EmailSecrets {
  imapPassword: string;
  smtpPassword: string | null;
}

export const DEFAULT_IMPORT_DAYS = 7;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const port = (value: unknown): number | null => (Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536 ? (value as number) : null);
const object = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/**
 * Reads an account's stored settings and secrets, refusing in plain words
 * what would make the mailbox unusable. The admin API validates the shape on
 * the way in; this guards what the worker and the adapter rely on.
 */
export function readEmailSettings(settings: Record<string, unknown>, secrets: Record<string, string>): { settings: EmailSettings; secrets: EmailSecrets } {
  const imap = object(settings.imap);
  const smtp = object(settings.smtp);
  const address = text(settings.address);
  if (!address || !/^[^\s@]+@[^\s@]+$/.test(address)) throw new InvalidError('settings.address', 'The mailbox address is missing or not an email address');
  const imapHost = text(imap.host);
  const imapPort = port(imap.port);
  const imapUser = text(imap.user);
  if (!imapHost || !imapPort || !imapUser) throw new InvalidError('settings.imap', 'The IMAP server needs a host, a port and a user name');
  const smtpHost = text(smtp.host);
  const smtpPort = port(smtp.port);
  if (!smtpHost || !smtpPort) throw new InvalidError('settings.smtp', 'The SMTP server needs a host and a port');
  const security = Object.values(SmtpSecurity).includes(smtp.security as SmtpSecurity) ? (smtp.security as SmtpSecurity) : SmtpSecurity.StartTls;
  const imapPassword = secrets.imapPassword;
  if (!imapPassword) throw new InvalidError('secrets.imapPassword', 'The IMAP password is not set');
  const smtpUser = text(smtp.user);
  const maxAttachmentBytes = Number.isInteger(settings.maxAttachmentBytes) && (settings.maxAttachmentBytes as number) > 0 ? (settings.maxAttachmentBytes as number) : null;
  const importDays = Number.isInteger(settings.importDays) && (settings.importDays as number) >= 0 ? (settings.importDays as number) : DEFAULT_IMPORT_DAYS;
  return {
    settings: {
      address: address.toLowerCase(),
      displayName: text(settings.displayName),
      imap: { host: imapHost, port: imapPort, tls: imap.tls !== false, user: imapUser, folder: text(imap.folder) ?? 'INBOX' },
      smtp: { host: smtpHost, port: smtpPort, security, user: smtpUser },
      sentFolder: text(settings.sentFolder),
      maxAttachmentBytes,
      importDays,
    },
    // The SMTP server usually takes the same password as IMAP; a different one is set on its own.
    secrets: { imapPassword, smtpPassword: smtpUser ? secrets.smtpPassword || imapPassword : null },
  };
}

/** The part after @ of the mailbox address: our Message-IDs are minted under it. */
export const mailDomain = (settings: EmailSettings): string => settings.address.split('@')[1]!;
