import { execFileSync } from 'node:child_process';
import { WhatsAppWebSessions } from '@inbox/channels/whatsapp';
import { WhatsAppWebSupervisor } from '../apps/worker/src/whatsapp-web.supervisor';
import { createOrganization, eventually, Http } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(180_000);

/** Chromium processes started with this run's WhatsApp profile directory. */
const chromiums = (dataDir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `${dataDir}/whatsapp-web`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

/**
 * The real whatsapp-web.js Client on Debian's chromium, with WhatsApp out of
 * reach (a proxy that refuses every connection, so the result is the same
 * with or without a network): the connector says so on the account and keeps
 * trying, and nothing crashes.
 */
describe('whatsapp-web.js on the system chromium', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ WHATSAPP_WEB_PROXY: 'http://127.0.0.1:9' });
  });
  afterAll(() => testApp?.close());

  it('reports "cannot reach WhatsApp" as the number\'s state instead of crashing, and closes its browser', async () => {
    const http = new Http(testApp.url);
    const org = await createOrganization(testApp, http);
    const created = await http.post('/admin/channel-accounts', { kind: 'whatsapp_web', name: 'جوال', settings: {} }, org.users.admin.token);
    expect(created.status).toBe(201);
    await testApp.app.get(WhatsAppWebSupervisor).take(created.body.id);
    const sessions = testApp.app.get(WhatsAppWebSessions);
    const state = await eventually(async () => {
      const found = await sessions.state(created.body.id);
      return found?.state === 'unreachable' ? found : null;
    }, 120_000);
    expect(state.detail).toMatch(/^cannot reach WhatsApp: .*(ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED|ERR_CONNECTION_REFUSED)/);
    const account = (await http.get(`/admin/channel-accounts/${created.body.id}`, org.users.admin.token)).body;
    expect(account).toMatchObject({ health: 'error', healthDetail: state.detail });
    // The server still answers, and the failed client's chromium is gone.
    expect((await http.get('/health')).status).toBe(200);
    await eventually(async () => chromiums(process.env.DATA_DIR!).length === 0, 30_000);
  });
});
