/**
 * Network, TLS and login failures of IMAP and SMTP, said in words an admin
 * can act on ("the password was refused", "nothing answers on that port").
 */
interface ErrorLike {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
  responseCode?: number;
  response?: unknown;
}

function network(error: ErrorLike, server: string, where: string): string | null {
  const code = error.code ?? '';
  const message = error.message ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') return `The ${server} server name ${where} was not found (check the host name)`;
  if (code === 'ECONNREFUSED') return `Nothing answers at ${where}: the connection was refused (check the host and the port)`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${where} cannot be reached from this server (network unreachable)`;
  if (/TIMEOUT/i.test(code) || code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) return `The ${server} server at ${where} did not answer in time (check the host, the port and any firewall)`;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|unknown protocol|ssl3_get_record/i.test(message)) {
    return `The ${server} server at ${where} does not speak TLS on this port (turn TLS off, or use the TLS port)`;
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate/i.test(message)) return `The ${server} server's TLS certificate is not trusted: ${message}`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ClosedAfterConnectText' || code === 'ClosedAfterConnectTLS' || code === 'NoConnection' || code === 'EConnectionClosed') {
    return `The ${server} server at ${where} closed the connection (is TLS set as the server expects on this port?)`;
  }
  return null;
}

export function describeImapError(error: unknown, imap: { host: string; port: number; user: string; folder?: string }): string {
  const e = (error ?? {}) as ErrorLike;
  const where = `${imap.host}:${imap.port}`;
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED' || /authenticat/i.test(e.responseText ?? '')) {
    return `The IMAP server refused the user name "${imap.user}" or its password`;
  }
  if (imap.folder && (e.serverResponseCode === 'NONEXISTENT' || /doesn't exist|does not exist|unknown mailbox|no such/i.test(`${e.responseText ?? ''} ${e.message ?? ''}`))) {
    return `The folder "${imap.folder}" does not exist in this mailbox`;
  }
  return network(e, 'IMAP', where) ?? `The IMAP server at ${where} failed: ${e.responseText || e.message || String(error)}`;
}

export function describeSmtpError(error: unknown, smtp: { host: string; port: number; user: string | null }): string {
  const e = (error ?? {}) as ErrorLike;
  const where = `${smtp.host}:${smtp.port}`;
  if (e.code === 'EAUTH') return `The SMTP server refused the user name "${smtp.user ?? ''}" or its password`;
  if (e.code === 'ETLS') return `The SMTP server at ${where} could not start TLS: ${e.message}`;
  if (e.code === 'ENOAUTH' || /authentication required|auth.*required/i.test(e.message ?? '')) return `The SMTP server at ${where} wants a user name and password`;
  return network(e, 'SMTP', where) ?? `The SMTP server at ${where} failed: ${e.message || String(error)}`;
}
