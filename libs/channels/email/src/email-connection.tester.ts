import { ImapFlow } from 'imapflow';
import { describeImapError, describeSmtpError } from './connection-errors';
import { readEmailSettings } from './email-settings';
import { smtpTransport } from './smtp-sender';

export interface ConnectionCheck {
  ok: boolean;
  /** What was checked and what happened, in plain words. */
  detail: string;
}

export interface ConnectionReport {
  ok: boolean;
  imap: ConnectionCheck;
  smtp: ConnectionCheck;
}

const TIMEOUT_MS = 15_000;

/** Logs in to IMAP (opening the folder, and the Sent folder when one is set) and to SMTP, and says what failed. */
export async function testEmailConnection(settings: Record<string, unknown>, secrets: Record<string, string>): Promise<ConnectionReport> {
  let account: ReturnType<typeof readEmailSettings>;
  try {
    account = readEmailSettings(settings, secrets);
  } catch (error) {
    const detail = `The account is not set up completely: ${(error as Error).message}`;
    return { ok: false, imap: { ok: false, detail }, smtp: { ok: false, detail } };
  }
  const [imap, smtp] = await Promise.all([checkImap(account), checkSmtp(account)]);
  return { ok: imap.ok && smtp.ok, imap, smtp };
}

async function checkImap({ settings, secrets }: ReturnType<typeof readEmailSettings>): Promise<ConnectionCheck> {
  const { imap } = settings;
  const client = new ImapFlow({
    host: imap.host, port: imap.port, secure: imap.tls, auth: { user: imap.user, pass: secrets.imapPassword },
    logger: false, disableAutoIdle: true, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
  });
  // A connection error also rejects the command under way, which is where it is reported.
  client.on('error', () => undefined);
  let folder = imap.folder;
  try {
    await client.connect();
    const mailbox = await client.mailboxOpen(imap.folder, { readOnly: true });
    if (settings.sentFolder) {
      folder = settings.sentFolder;
      await client.mailboxOpen(settings.sentFolder, { readOnly: true });
    }
    return { ok: true, detail: `Logged in to ${imap.host}:${imap.port} as ${imap.user}; "${imap.folder}" holds ${mailbox.exists} messages` };
  } catch (error) {
    return { ok: false, detail: describeImapError(error, { ...imap, folder }) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function checkSmtp({ settings, secrets }: ReturnType<typeof readEmailSettings>): Promise<ConnectionCheck> {
  const transport = smtpTransport(settings, secrets);
  try {
    await transport.verify();
    const login = settings.smtp.user ? ` as ${settings.smtp.user}` : '';
    return { ok: true, detail: `Connected to ${settings.smtp.host}:${settings.smtp.port}${login}` };
  } catch (error) {
    return { ok: false, detail: describeSmtpError(error, settings.smtp) };
  } finally {
    transport.close();
  }
}
