import { randomUUID } from 'node:crypto';
import { signPbxRequest } from '@inbox/channels/calls';
import { createOrganization, dataSource, eventually, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient, settle } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * Phone calls: an agent's log matched to a contact and ticket, follow-ups
 * for missed calls, a PBX's signed webhook popping the caller's card to the
 * agent who answered (and refused when forged), and a CSV export imported
 * with a preview and per-row errors.
 */
describe('phone calls', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let pbx: { id: string; secret: string };

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const account = await http.post('/admin/pbx-accounts', { name: 'Asterisk', extensions: { 201: org.users.agentMen.email }, callbackMinutes: 60 }, org.users.admin.token);
    expect(account.status).toBe(201);
    expect(account.body).toMatchObject({ kind: 'phone', eventsPath: `/api/v1/channels/pbx/${account.body.id}/events` });
    expect(account.body).not.toHaveProperty('sealedSecrets');
    pbx = { id: account.body.id, secret: account.body.webhookSecret };
  });
  afterAll(() => testApp.close());

  /** What the PBX sends: the body exactly as signed. */
  function pbxPost(body: string, options: { type?: string; secret?: string; timestamp?: number } = {}) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    return http.request('POST', `/channels/pbx/${pbx.id}/events`, {
      raw: body,
      headers: {
        'content-type': options.type ?? 'application/json',
        'x-inbox-timestamp': timestamp,
        'x-inbox-signature': signPbxRequest(options.secret ?? pbx.secret, timestamp, body),
      },
    });
  }

  it('logs an agent’s call against the number’s contact, once however often it is sent', async () => {
    const phone = uniquePhone();
    const first = await inbound(http, org, { externalId: randomUUID(), text: 'أريد الاستفسار عن المساعدة', sender: { name: 'فهد', gender: 'male', identities: [{ kind: 'phone', value: phone }] } });
    const clientKey = randomUUID();
    const body = { direction: 'incoming', number: phone.replace(/^0/, '+966'), durationSeconds: 95, outcome: 'answered', notes: 'سأل عن موعد صرف المساعدة', ticketId: first.body.ticketId, clientKey };
    const logged = await http.post('/calls', body, org.users.agentMen.token);
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ ticketId: first.body.ticketId, duplicate: false, contactCreated: false, followUp: null });
    expect((await http.post('/calls', body, org.users.agentMen.token)).body).toMatchObject({ duplicate: true, messageId: logged.body.messageId });
    const detail = await http.get(`/tickets/${first.body.ticketId}`, org.users.agentMen.token);
    const calls = detail.body.messages.filter((m: { metadata: { call?: unknown } }) => m.metadata.call);
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toBe('مكالمة واردة — تم الرد — المدة 1:35\nسأل عن موعد صرف المساعدة');
    expect(calls[0].metadata.call).toMatchObject({ source: 'agent', direction: 'incoming', durationSeconds: 95, outcome: 'answered', agentId: org.users.agentMen.id });
    // A new matter: the agent asks for a new ticket instead of the caller's open one.
    const fresh = await http.post('/calls', { direction: 'outgoing', number: phone, durationSeconds: 30, outcome: 'answered', newTicket: true }, org.users.agentMen.token);
    expect(fresh.body).toMatchObject({ ticketCreated: true, contactId: logged.body.contactId });
    expect(fresh.body.ticketId).not.toBe(first.body.ticketId);
    const again = await http.post('/calls', { direction: 'outgoing', number: phone, durationSeconds: 12, outcome: 'answered' }, org.users.agentMen.token);
    expect(again.body.ticketId).toBe(fresh.body.ticketId);
    // A ticket the agent cannot see is not theirs to log against.
    const women = await inbound(http, org, { externalId: randomUUID(), text: 'سؤال', sender: { gender: 'female', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    expect((await http.post('/calls', { ...body, clientKey: undefined, ticketId: women.body.ticketId }, org.users.agentMen.token)).status).toBe(404);
  });

  it('leaves a follow-up with a deadline for a missed call, which those who see the ticket work off', async () => {
    const logged = await http.post('/calls', { direction: 'incoming', number: uniquePhone(), durationSeconds: 0, outcome: 'missed' }, org.users.agentMen.token);
    expect(logged.status).toBe(201);
    expect(logged.body.contactCreated).toBe(true);
    expect(new Date(logged.body.followUp.dueAt).getTime()).toBeGreaterThan(Date.now());
    const open = await http.get('/calls/follow-ups?mine=true', org.users.agentMen.token);
    expect(open.body.map((f: { id: string }) => f.id)).toContain(logged.body.followUp.id);
    expect(open.body.find((f: { id: string }) => f.id === logged.body.followUp.id)).toMatchObject({ reason: 'missed', reference: logged.body.ticketReference });
    expect((await http.post(`/calls/follow-ups/${logged.body.followUp.id}/done`, {}, org.users.agentMen.token)).status).toBe(204);
    expect((await http.get('/calls/follow-ups', org.users.agentMen.token)).body.map((f: { id: string }) => f.id)).not.toContain(logged.body.followUp.id);
    const callback = await http.post('/calls', { direction: 'outgoing', number: uniquePhone(), durationSeconds: 40, outcome: 'callback_needed', notes: 'يعاود الاتصال بعد العصر' }, org.users.agentMen.token);
    expect(callback.body.followUp).not.toBeNull();
  });

  it('pops the caller’s card to the agent who answered, live, and logs the call when it ends', async () => {
    const phone = uniquePhone();
    const existing = await inbound(http, org, { externalId: randomUUID(), text: 'طلب تحديث بيانات', sender: { name: 'عبدالرحمن القحطاني', gender: 'male', identities: [{ kind: 'phone', value: phone }] } });
    const answering = await connect(testApp.url, org.users.agentMen.token);
    const other = await connect(testApp.url, org.users.agentWomen.token);
    try {
      const callId = `1732800000.${Math.floor(Math.random() * 1e6)}`;
      const ringing = await pbxPost(JSON.stringify({ event: 'ringing', callId, direction: 'incoming', from: phone, to: '920000000' }));
      expect(ringing.status).toBe(202);
      expect(ringing.body.poppedTo).toBeNull();
      // Asterisk's curl -d sends form fields; answered by extension 201.
      const answered = await pbxPost(new URLSearchParams({ event: 'answered', uniqueid: callId, direction: 'inbound', callerid: phone, exten: '201', extension: '201' }).toString(),
        { type: 'application/x-www-form-urlencoded' });
      expect(answered.status).toBe(202);
      expect(answered.body).toMatchObject({ poppedTo: org.users.agentMen.id, ticketReference: existing.body.ticketReference });
      const [pop] = await eventually(async () => {
        const found = answering.of('notification').filter((e) => (e.payload as unknown as { call?: { callId: string } }).call?.callId === callId);
        return found.length ? found : null;
      });
      expect(pop!.payload).toMatchObject({
        kind: 'incoming_call', recipientId: org.users.agentMen.id, ticketId: existing.body.ticketId, reference: existing.body.ticketReference,
        call: { number: phone.replace(/^0/, '+966'), contactName: 'عبدالرحمن القحطاني' },
      });
      await settle();
      expect(other.of('notification')).toHaveLength(0);

      const ended = await pbxPost(JSON.stringify({ event: 'hangup', callId, direction: 'incoming', from: phone, to: '920000000', billsec: 184, disposition: 'ANSWERED' }));
      expect(ended.status).toBe(202);
      expect(ended.body).toMatchObject({ ticketReference: existing.body.ticketReference, followUpId: null });
      const detail = await http.get(`/tickets/${existing.body.ticketId}`, org.users.agentMen.token);
      const call = detail.body.messages.find((m: { metadata: { call?: unknown } }) => m.metadata.call);
      expect(call.metadata.call).toMatchObject({ source: 'pbx', durationSeconds: 184, outcome: 'answered', agentId: org.users.agentMen.id, extension: '201' });
      // The PBX repeating its end event adds nothing.
      await pbxPost(JSON.stringify({ event: 'ended', callId, direction: 'incoming', from: phone, to: '920000000', billsec: 184 }));
      expect((await http.get(`/tickets/${existing.body.ticketId}`, org.users.agentMen.token)).body.messages.filter((m: { metadata: { call?: unknown } }) => m.metadata.call)).toHaveLength(1);
    } finally {
      answering.close();
      other.close();
    }
  });

  it('turns a call nobody answered into a follow-up', async () => {
    const callId = `missed-${randomUUID()}`;
    const ended = await pbxPost(JSON.stringify({ event: 'ended', callId, direction: 'incoming', from: uniquePhone(), to: '920000000', disposition: 'NO ANSWER' }));
    expect(ended.status).toBe(202);
    expect(ended.body.followUpId).toEqual(expect.any(String));
    const [followUp] = await dataSource(testApp).query(`SELECT reason, due_at FROM call_follow_ups WHERE id = $1`, [ended.body.followUpId]);
    expect(followUp.reason).toBe('missed');
  });

  it('refuses a forged, unsigned or replayed PBX request and writes nothing', async () => {
    const callId = `forged-${randomUUID()}`;
    const body = JSON.stringify({ event: 'ended', callId, direction: 'incoming', from: uniquePhone(), to: '920000000', billsec: 10 });
    const forged = await pbxPost(body, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(forged.body.message).toContain('forged');
    expect((await pbxPost(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    const unsigned = await http.request('POST', `/channels/pbx/${pbx.id}/events`, { raw: body });
    expect(unsigned.status).toBe(401);
    // Signed, then changed on the way.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const tampered = await http.request('POST', `/channels/pbx/${pbx.id}/events`, {
      raw: body.replace('"billsec":10', '"billsec":9999'), headers: { 'x-inbox-timestamp': timestamp, 'x-inbox-signature': signPbxRequest(pbx.secret, timestamp, body) },
    });
    expect(tampered.status).toBe(401);
    const written = await dataSource(testApp).query(`SELECT count(*)::int AS n FROM messages WHERE external_id = $1`, [`pbx:${callId}`]);
    expect(written[0].n).toBe(0);
    // A well-signed request with a wrong event is refused for what it is.
    const wrong = await pbxPost(JSON.stringify({ event: 'exploded', callId }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('event');
  });

  it('imports a CSV export: a preview with per-row errors writes nothing; the import writes the good rows once', async () => {
    const [a, b] = [uniquePhone(), uniquePhone()];
    const csv = [
      'Call ID,Start Time,Direction,From,To,Duration,Status,Agent,Notes',
      `c-${randomUUID()},2024-11-20 09:15:00,inbound,${a},201,1:35,ANSWERED,201,سأل عن السلة الغذائية`,
      `c-${randomUUID()},2024-11-20 10:00:00,inbound,${b},201,0,NO ANSWER,,`,
      `c-${randomUUID()},not a date,inbound,${uniquePhone()},201,12,ANSWERED,,`,
      `c-${randomUUID()},2024-11-20 11:00:00,inbound,12345,201,12,ANSWERED,,`,
    ].join('\n');
    const preview = await http.post('/calls/import', { csv, preview: true, accountId: pbx.id }, org.users.supervisor.token);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 4, valid: 2, invalid: 2, imported: 0 });
    expect(preview.body.rows.map((r: { line: number; errors: string[] }) => [r.line, r.errors])).toEqual([
      [2, []], [3, []], [4, ['"not a date" is not a date and time']], [5, ['"12345" is not a phone number']],
    ]);
    const db = dataSource(testApp);
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1 AND metadata -> 'call' ->> 'source' = 'import'`, [org.id]))[0].n;
    expect(await count()).toBe(0);

    const imported = await http.post('/calls/import', { csv, preview: false, accountId: pbx.id }, org.users.supervisor.token);
    expect(imported.body).toMatchObject({ valid: 2, invalid: 2, imported: 2 });
    expect(imported.body.rows[0].result).toMatchObject({ duplicate: false, followUp: false });
    expect(imported.body.rows[1].result).toMatchObject({ duplicate: false, followUp: true });
    expect(await count()).toBe(2);
    const [call] = await db.query(`SELECT metadata FROM messages WHERE organization_id = $1 AND metadata -> 'call' ->> 'number' = $2`, [org.id, a.replace(/^0/, '+966')]);
    expect(call.metadata.call).toMatchObject({ startedAt: '2024-11-20T06:15:00.000Z', durationSeconds: 95, agentId: org.users.agentMen.id });
    const again = await http.post('/calls/import', { csv, preview: false, accountId: pbx.id }, org.users.supervisor.token);
    expect(again.body.imported).toBe(0);
    expect(await count()).toBe(2);
    expect((await http.post('/calls/import', { csv, preview: true }, org.users.agentMen.token)).status).toBe(403);
  });
});
