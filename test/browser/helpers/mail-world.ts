import { Browser } from 'playwright-core';
import { EmailConnectorsSupervisor } from '../../../apps/worker/src/email-connectors.supervisor';
import { Dovecot, emailAccountBody, Mailbox, startDovecot } from '../../helpers/dovecot';
import { dataSource, eventually, Http, TestOrganization } from '../../helpers/factories';
import { SmtpCapture, startSmtpCapture } from '../../helpers/smtp';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { AgentPage, launchBrowser } from './browser';

export interface MailWorld {
  dovecot: Dovecot;
  smtp: SmtpCapture;
  testApp: TestApp;
  http: Http;
  browser: Browser;
  /** Signed-in pages, closed after the suite. */
  open: AgentPage[];
  /** A mailbox on Dovecot and the organization's email account for it (SMTP to the capture), connected. */
  addEmailAccount(org: TestOrganization, prefix: string): Promise<{ accountId: string; mailbox: Mailbox }>;
}

/**
 * What a journey through email needs, for one describe block: Dovecot, an
 * SMTP capture, the app and Chromium, started before the tests and stopped
 * after them (the email accounts switched off first, so no connector keeps
 * polling a stopped Dovecot).
 */
export function useMailWorld(): MailWorld {
  const accounts: string[] = [];
  const world = { open: [] as AgentPage[] } as MailWorld;
  world.addEmailAccount = async (org, prefix) => {
    const mailbox = await world.dovecot.addMailbox(prefix);
    const account = await world.http.post('/admin/channel-accounts', emailAccountBody(world.dovecot, mailbox, world.smtp), org.users.admin.token);
    expect(account.status).toBe(201);
    accounts.push(account.body.id);
    await world.testApp.app.get(EmailConnectorsSupervisor).checkNow();
    await eventually(async () => (await world.http.get(`/admin/channel-accounts/${account.body.id}`, org.users.admin.token)).body.health === 'ok', 15_000);
    return { accountId: account.body.id as string, mailbox };
  };
  beforeAll(async () => {
    world.dovecot = await startDovecot();
    world.smtp = await startSmtpCapture();
    world.testApp = await startTestApp();
    world.http = new Http(world.testApp.url);
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(world.open.map((person) => person.context.close()));
    await world.browser?.close();
    if (accounts.length) await dataSource(world.testApp).query(`UPDATE channel_accounts SET enabled = false WHERE id = ANY($1)`, [accounts]);
    await world.testApp?.close();
    await world.smtp?.close();
    await world.dovecot?.stop();
  });
  return world;
}
