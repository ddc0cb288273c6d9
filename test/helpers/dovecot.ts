import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { createTransport, Transporter } from 'nodemailer';
import { freePort } from '@inbox/database';

export interface Mailbox {
  address: string;
  password: string;
}

export interface Dovecot {
  host: string;
  imapPort: number;
  lmtpPort: number;
  /** A new mailbox (an IMAP login and an LMTP recipient) nobody else in the run uses; answers once Dovecot accepts its login. */
  addMailbox(prefix?: string): Promise<Mailbox>;
  /** Delivers raw bytes to a mailbox over LMTP, as a mail server would. */
  deliver(to: string, raw: Buffer | string, from?: string): Promise<void>;
  /** Stops and starts the server on the same ports and mail, like an upgrade or a crash and restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

const BINARY = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

/**
 * A throwaway Dovecot (Debian's dovecot-imapd and dovecot-lmtpd) on loopback
 * ports: its config, state, logs and maildirs in a temporary folder, users in
 * a passwd-file, plaintext login allowed (loopback only), LMTP for delivery.
 * As root, mail is stored as `nobody`; otherwise everything runs as the
 * current user. When Dovecot is missing or does not start, this throws with
 * its log: the email tests fail, they never skip.
 */
export async function startDovecot(): Promise<Dovecot> {
  if (!BINARY) throw new Error('Dovecot is not installed: apt-get install dovecot-imapd dovecot-lmtpd (the email tests need a real IMAP server)');
  const dir = mkdtempSync(join(tmpdir(), 'inbox-dovecot-'));
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  const mailUid = root ? 65534 : process.getuid!();
  const mailGid = root ? 65534 : process.getgid!();
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub), { mode: 0o755 });
  if (root) chownSync(join(dir, 'mail'), mailUid, mailGid);
  const users = join(dir, 'users');
  writeFileSync(users, '', { mode: 0o644 });
  const imapPort = await freePort();
  const lmtpPort = await freePort();
  const me = userInfo().username;
  const group = root ? '' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  const config = join(dir, 'dovecot.conf');
  writeFileSync(config, `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
postmaster_address = postmaster@dovecot.test
first_valid_uid = 1
first_valid_gid = 1
mail_fsync = never
mail_location = maildir:~/Maildir
${root ? '' : `default_login_user = ${me}\ndefault_internal_user = ${me}\ndefault_internal_group = ${group}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${users}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${users}
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
`);

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const log = () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '');

  const start = async () => {
    const output: string[] = [];
    const started = spawn(BINARY, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout!.on('data', (chunk) => output.push(String(chunk)));
    started.stderr!.on('data', (chunk) => output.push(String(chunk)));
    let code: number | null | undefined;
    exited = new Promise((resolve) => started.once('exit', (c) => {
      code = c;
      resolve();
    }));
    child = started;
    const deadline = Date.now() + 15_000;
    while (!(await answers(imapPort, '* OK')) || !(await answers(lmtpPort, '220'))) {
      if (code !== undefined || Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`Dovecot did not start (exit ${code ?? 'none, timed out'}):\n${output.join('')}\n${log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const running = child;
    child = null;
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  let transport: Transporter | null = null;
  const lmtp = () => (transport ??= createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 }));

  return {
    host: '127.0.0.1',
    imapPort,
    lmtpPort,
    async addMailbox(prefix = 'box') {
      const address = `${prefix}-${randomBytes(4).toString('hex')}@assoc.test`;
      const password = randomBytes(9).toString('base64url');
      const home = join(dir, 'mail', address);
      appendFileSync(users, `${address}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}::\n`);
      // Dovecot rereads the passwd-file at most once a second: wait until the new login works.
      const deadline = Date.now() + 5000;
      for (;;) {
        const client = new ImapFlow({ host: '127.0.0.1', port: imapPort, secure: false, auth: { user: address, pass: password }, logger: false, verifyOnly: true });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return { address, password };
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`Dovecot does not accept the new mailbox ${address}: ${(error as Error).message}\n${log()}`);
          await new Promise((r) => setTimeout(r, 200));
        } finally {
          client.close();
        }
      }
    },
    async deliver(to, raw, from = 'sender@outside.test') {
      await lmtp().sendMail({ envelope: { from, to: [to] }, raw });
    },
    async restart() {
      transport?.close();
      transport = null;
      await stop();
      await start();
    },
    async stop() {
      transport?.close();
      transport = null;
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log,
  };
}

/** Whether a server answers its greeting on the port (Dovecot takes a moment to bind and fork its services). */
function answers(port: number, greeting: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(String(data).startsWith(greeting)));
  });
}

/** The body of POST /admin/channel-accounts for an email account on this Dovecot, replies going to `smtpPort` (smtp-server, login required). */
export function emailAccountBody(dovecot: Dovecot, mailbox: Mailbox, smtp: { port: number; user: string; password: string }, settings: Record<string, unknown> = {}) {
  return {
    kind: 'email',
    name: `mailbox ${mailbox.address}`,
    settings: {
      address: mailbox.address,
      displayName: 'جمعية البر',
      imap: { host: dovecot.host, port: dovecot.imapPort, tls: false, user: mailbox.address },
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: smtp.user },
      sentFolder: 'Sent',
      ...settings,
    },
    secrets: { imapPassword: mailbox.password, smtpPassword: smtp.password },
  };
}
