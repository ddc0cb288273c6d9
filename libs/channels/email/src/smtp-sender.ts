import { createTransport } from 'nodemailer';
import { ImapFlow } from 'imapflow';
import { PermanentSendError } from '@inbox/channels/contract';
import { describeImapError, describeSmtpError } from './connection-errors';
import { EmailSecrets, EmailSettings, SmtpSecurity } from './email-settings';

const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** A nodemailer transport for one send (adapters keep no connection between calls: credentials come with each message). */
export function smtpTransport(settings: EmailSettings, secrets: EmailSecrets) {
  const { smtp } = settings;
  return createTransport({
    host: smtp.host, port: smtp.port,
    secure: smtp.security === SmtpSecurity.Tls,
    requireTLS: smtp.security === SmtpSecurity.StartTls,
    ignoreTLS: smtp.security === SmtpSecurity.None,
    auth: smtp.user ? { user: smtp.user, pass: secrets.smtpPassword ?? '' } : undefined,
    ...TIMEOUTS,
  });
}

/**
 * Hands a composed message to the SMTP server. A refusal of the message or
 * its recipient (5xx) is permanent; anything else (down, timeout, 4xx, a
 * password being changed) is worth retrying.
 */
export async function sendRaw(settings: EmailSettings, secrets: EmailSecrets, raw: Buffer, envelope: { from: string; to: string[] }): Promise<{ response: string }> {
  const transport = smtpTransport(settings, secrets);
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { response: String(info.response ?? '') };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; code?: string };
    if (e.responseCode && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH') {
      throw new PermanentSendError(`The mail server refused the message: ${e.response ?? (error as Error).message}`);
    }
    throw new Error(describeSmtpError(error, settings.smtp));
  } finally {
    transport.close();
  }
}

/** Files a copy of what we sent in the mailbox's Sent folder, as a mail client would. */
export async function appendToSent(settings: EmailSettings, secrets: EmailSecrets, raw: Buffer): Promise<void> {
  if (!settings.sentFolder) return;
  const client = new ImapFlow({
    host: settings.imap.host, port: settings.imap.port, secure: settings.imap.tls, auth: { user: settings.imap.user, pass: secrets.imapPassword },
    logger: false, disableAutoIdle: true, connectionTimeout: 20_000, greetingTimeout: 15_000,
  });
  // A connection error also rejects the command under way, which is where it is reported.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.append(settings.sentFolder, raw, ['\\Seen']);
  } catch (error) {
    throw new Error(describeImapError(error, { ...settings.imap, folder: settings.sentFolder }));
  } finally {
    await client.logout().catch(() => client.close());
  }
}
