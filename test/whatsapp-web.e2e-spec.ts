import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whatsAppWebSendQueue, WhatsAppWebClientFactory, WhatsAppWebConnectors, WhatsAppWebSessions } from '@inbox/channels/whatsapp';
import { WhatsAppWebSupervisor } from '../apps/worker/src/whatsapp-web.supervisor';
import { FakeWebClient, FakeWebClientFactory, webMessage } from './helpers/fake-whatsapp-web';
import { createOrganization, dataSource, eventually, Http, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient, settle } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(90_000);

/**
 * A number paired through whatsapp-web.js, with a stand-in for WhatsApp's
 * servers behind the library's own events: pairing streamed to the admins
 * only, every kind of message into the ticket stream once, edits and
 * deletions kept, replies paced and their acks followed, offline messages
 * caught up, a lost connection reported and recovered.
 */
describe('WhatsApp Web numbers', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let accountId: string;
  let fakes: FakeWebClientFactory;
  let admin: RecordingClient;
  let agent: RecordingClient;
  const person = `966${uniquePhone().slice(1)}@c.us`;
  const db = () => dataSource(testApp);
  const client = (): FakeWebClient => fakes.latest;
  const messagesOf = (externalId: string) => db().query(`SELECT * FROM messages WHERE external_id = $1`, [externalId]);
  const state = () => testApp.app.get(WhatsAppWebSessions).state(accountId);

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    fakes = new FakeWebClientFactory();
    const real = testApp.app.get(WhatsAppWebClientFactory);
    real.create = fakes.create.bind(fakes);
    real.media = fakes.media.bind(fakes);
    admin = await connect(testApp.url, org.users.admin.token);
    agent = await connect(testApp.url, org.users.agentMen.token);
    const created = await http.post('/admin/channel-accounts', { kind: 'whatsapp_web', name: 'جوال الجمعية', settings: { sendIntervalMs: 400 } }, org.users.admin.token);
    expect(created.status).toBe(201);
    accountId = created.body.id;
  });
  afterAll(async () => {
    admin?.close();
    agent?.close();
    await testApp?.close();
  });

  it('streams the QR code to the admins only, and is connected once the phone scans it', async () => {
    await testApp.app.get(WhatsAppWebSupervisor).take(accountId);
    const pairing = await eventually(async () => (await state())?.state === 'pairing' && state());
    expect(pairing!.qr).toMatch(/^2@/);
    expect(client().options.clientId).toBe(accountId.replace(/-/g, ''));
    await eventually(async () => admin.of('channel.status').find((e) => (e.payload as { qr: string | null }).qr === pairing!.qr));
    client().pair();
    await eventually(async () => (await state())?.state === 'connected');
    const [account] = await db().query(`SELECT health FROM channel_accounts WHERE id = $1`, [accountId]);
    expect(account.health).toBe('ok');
    await settle();
    expect(agent.of('channel.status')).toEqual([]);
  });

  it('turns every kind of message of a person into the ticket stream once, and leaves groups and statuses out', async () => {
    const text = webMessage({ from: person, body: 'السلام عليكم، أريد تحديث بياناتي' });
    client().emit('message', text);
    client().emit('message', text);
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(500, 7)]);
    const image = webMessage({ from: person, type: 'image', body: 'صورة الصك', media: { mimetype: 'image/jpeg', data: photo.toString('base64'), filename: null, filesize: photo.length } });
    const voice = webMessage({ from: person, type: 'ptt', body: '', media: { mimetype: 'audio/ogg; codecs=opus', data: Buffer.from('OggS').toString('base64') } });
    const expired = webMessage({ from: person, type: 'video', body: '', hasMedia: true, downloadMedia: async () => undefined });
    const place = webMessage({ from: person, type: 'location', body: '/9j/4AAQSkZJRgABAQ', location: { latitude: '21.4858', longitude: '39.1925', description: 'حي الصفا\nجدة' } });
    const card = webMessage({ from: person, type: 'vcard', body: '', vCards: ['BEGIN:VCARD\nVERSION:3.0\nFN:عبدالله\nitem1.TEL;waid=966501112233:+966 50 111 2233\nEND:VCARD'] });
    const reply = webMessage({ from: person, body: 'هذه الصورة المقصودة', hasQuotedMsg: true, _data: { notifyName: 'أم سعد', quotedStanzaID: image.id._serialized } });
    const group = webMessage({ from: '120363025@g.us', author: person, body: 'رسالة في مجموعة' });
    const status = webMessage({ from: 'status@broadcast', body: 'حالة', isStatus: true });
    for (const message of [image, voice, expired, place, card, reply, group, status]) client().emit('message', message);
    await eventually(async () => (await messagesOf(reply.id._serialized)).length === 1);
    expect(await messagesOf(text.id._serialized)).toHaveLength(1);
    const [first] = await messagesOf(text.id._serialized);
    const detail = (await http.get(`/tickets/${first.ticket_id}`, org.users.admin.token)).body;
    expect(detail.ticket.channelKind).toBe('whatsapp_web');
    expect(detail.contact.name).toBe('أم سعد');
    const one = async (id: string) => (await messagesOf(id))[0];
    expect((await one(image.id._serialized)).attachments).toEqual([expect.objectContaining({ contentType: 'image/jpeg', size: photo.length })]);
    expect((await one(voice.id._serialized)).metadata.whatsapp).toMatchObject({ type: 'voice' });
    expect((await one(voice.id._serialized)).attachments[0].contentType).toBe('audio/ogg; codecs=opus');
    expect((await one(expired.id._serialized)).metadata.whatsapp.mediaSkipped.reason).toContain('no longer');
    expect((await one(place.id._serialized)).metadata.whatsapp.location).toEqual({ latitude: 21.4858, longitude: 39.1925, name: 'حي الصفا', address: 'جدة' });
    expect((await one(place.id._serialized)).body).toBe('حي الصفا — جدة');
    expect((await one(card.id._serialized)).metadata.whatsapp.contacts).toEqual([{ name: 'عبدالله', phones: ['+966 50 111 2233'] }]);
    expect((await one(reply.id._serialized)).metadata.whatsapp.quotedId).toBe(image.id._serialized);
    expect(await messagesOf(group.id._serialized)).toEqual([]);
    expect(await messagesOf(status.id._serialized)).toEqual([]);
  });

  it('keeps edits and deletions as entries of their own, with what was said', async () => {
    const original = webMessage({ from: person, body: 'موعدي يوم الأحد' });
    client().emit('message', original);
    await eventually(async () => (await messagesOf(original.id._serialized)).length === 1);
    client().emit('message_edit', { ...original, body: 'موعدي يوم الاثنين' }, 'موعدي يوم الاثنين', 'موعدي يوم الأحد');
    client().emit('message_edit', { ...original, body: 'موعدي يوم الاثنين' }, 'موعدي يوم الاثنين', 'موعدي يوم الأحد');
    const revoked = webMessage({ from: person, body: 'رقم حسابي 123' });
    client().emit('message', revoked);
    await eventually(async () => (await messagesOf(revoked.id._serialized)).length === 1);
    client().emit('message_revoke_everyone', { ...revoked, type: 'revoked', body: '' }, revoked);
    const edits = await eventually(async () => {
      const rows = await db().query(`SELECT body, metadata FROM messages WHERE metadata->'whatsapp'->>'editOf' = $1`, [original.id._serialized]);
      return rows.length ? rows : null;
    });
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ body: 'موعدي يوم الاثنين', metadata: { previousText: 'موعدي يوم الأحد', whatsapp: { type: 'edit' } } });
    const deletion = await eventually(async () => (await messagesOf(`${revoked.id._serialized}:revoked`))[0]);
    expect(deletion).toMatchObject({ body: 'رقم حسابي 123', metadata: { whatsapp: { type: 'revoke', revokedId: revoked.id._serialized } } });
    expect((await messagesOf(revoked.id._serialized))[0].body).toBe('رقم حسابي 123');
  });

  it('sends replies at the account\'s pace, quoting the last message, and follows their acks to read', async () => {
    const question = webMessage({ from: person, body: 'هل من جديد؟' });
    client().emit('message', question);
    const [row] = await eventually(async () => { const rows = await messagesOf(question.id._serialized); return rows.length ? rows : null; });
    const replies: string[] = [];
    for (const body of ['أهلًا بك', 'طلبك قيد الدراسة', 'سنبلغك بالقرار']) {
      const reply = await http.post(`/tickets/${row.ticket_id}/messages`, { body }, org.users.admin.token);
      expect(reply.status).toBe(201);
      replies.push(reply.body.id);
    }
    await eventually(async () => client().sent.length >= 3, 30_000).catch(async (error) => {
      const rows = await db().query(`SELECT body, delivery_status, failure_reason, attempts FROM messages WHERE id = ANY($1)`, [replies]);
      throw new Error(`${error.message}: ${client().sent.length} sent by the fake (${fakes.clients.length} clients); the replies: ${JSON.stringify(rows)}`);
    });
    const three = client().sent.slice(-3);
    const a = three.find((s) => s.content === 'أهلًا بك')!;
    expect(a).toMatchObject({ chatId: person });
    expect(a.options.quotedMessageId).toBe(question.id._serialized);
    // Paced: at least the account's interval between two sends on the number, however the jobs raced.
    expect(three[1].at - three[0].at).toBeGreaterThanOrEqual(390);
    expect(three[2].at - three[1].at).toBeGreaterThanOrEqual(390);
    const sent = await eventually(async () => (await db().query(`SELECT external_id FROM messages WHERE id = $1 AND delivery_status = 'sent'`, [replies[0]]))[0]);
    expect(sent.external_id).toBe(a.id);
    const ack = { ...webMessage({ from: `966112345678@c.us`, to: person, fromMe: true, body: 'أهلًا بك' }), id: { fromMe: true, remote: person, id: a.id.split('_')[2], _serialized: a.id } };
    client().emit('message_ack', ack, 2);
    await eventually(async () => (await db().query(`SELECT delivery_status FROM messages WHERE id = $1`, [replies[0]]))[0].delivery_status === 'delivered');
    client().emit('message_ack', ack, 3);
    client().emit('message_ack', ack, 2);
    await eventually(async () => (await db().query(`SELECT delivery_status FROM messages WHERE id = $1`, [replies[0]]))[0].delivery_status === 'read');
    await settle(300);
    expect((await db().query(`SELECT delivery_status FROM messages WHERE id = $1`, [replies[0]]))[0].delivery_status).toBe('read');
  });

  it('sends a file as a document with the reply as its caption', async () => {
    const question = webMessage({ from: person, body: 'أرسلوا لي النموذج من فضلكم' });
    client().emit('message', question);
    const [row] = await eventually(async () => { const rows = await messagesOf(question.id._serialized); return rows.length ? rows : null; });
    const pdf = Buffer.from('%PDF-1.4 نموذج');
    const reply = await http.post(`/tickets/${row.ticket_id}/messages`, {
      body: 'تجدون النموذج مرفقًا', attachments: [{ fileName: 'نموذج-الطلب.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
    }, org.users.admin.token);
    expect(reply.status).toBe(201);
    const sent = await eventually(async () => client().sent.find((s) => (s.content as { filename?: string }).filename === 'نموذج-الطلب.pdf'), 30_000);
    expect(sent.content).toMatchObject({ mimetype: 'application/pdf', data: pdf.toString('base64'), filesize: pdf.length });
    expect(sent.options).toMatchObject({ caption: 'تجدون النموذج مرفقًا', sendMediaAsDocument: true });
    const tooBig = await http.post(`/tickets/${row.ticket_id}/messages`, {
      body: 'كبير', attachments: [{ fileName: 'big.bin', contentType: 'application/octet-stream', contentBase64: Buffer.alloc(9 * 1024 * 1024).toString('base64') }],
    }, org.users.admin.token);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.field).toBe('attachments.0.contentBase64');
  });

  it('hands a reply that reached a worker not running the number to the number\'s own queue', async () => {
    const question = webMessage({ from: person, body: 'متى موعد الزيارة؟' });
    client().emit('message', question);
    const [row] = await eventually(async () => { const rows = await messagesOf(question.id._serialized); return rows.length ? rows : null; });
    // As seen from another worker: the number is not among this process's connectors.
    const connectors = testApp.app.get(WhatsAppWebConnectors);
    const connector = connectors.get(accountId)!;
    connectors.remove(accountId, connector);
    try {
      const reply = await http.post(`/tickets/${row.ticket_id}/messages`, { body: 'الزيارة يوم الثلاثاء' }, org.users.admin.token);
      expect(reply.status).toBe(201);
      await eventually(async () => (await db().query(
        `SELECT 1 FROM pgboss.job WHERE name = $1 AND data->>'messageId' = $2`, [whatsAppWebSendQueue(accountId), reply.body.id],
      )).length > 0, 20_000);
      expect((await db().query(`SELECT delivery_status, failure_reason FROM messages WHERE id = $1`, [reply.body.id]))[0]).toMatchObject({ delivery_status: 'queued' });
    } finally {
      connectors.add(accountId, connector);
    }
    // The owner's queue (this process works it) sends it once the number is here again.
    await eventually(async () => client().sent.find((s) => s.content === 'الزيارة يوم الثلاثاء'), 40_000);
  });

  it('keeps the session sealed in PostgreSQL for the next worker', async () => {
    const sessions = testApp.app.get(WhatsAppWebSessions);
    const dir = mkdtempSync(join(tmpdir(), 'wa-store-'));
    const store = sessions.remoteStore(accountId, dir);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4096)]);
    writeFileSync(join(dir, 'RemoteAuth-x.zip'), zip);
    await store.save({ session: 'RemoteAuth-x' });
    expect(await store.sessionExists()).toBe(true);
    const [row] = await db().query(`SELECT sealed_session FROM whatsapp_web_sessions WHERE channel_account_id = $1`, [accountId]);
    expect(row.sealed_session).toMatch(/^v1\./);
    expect(row.sealed_session).not.toContain(zip.toString('base64').slice(0, 40));
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'wa-store-')), 'restored.zip');
    await store.extract({ session: 'RemoteAuth-x', path: elsewhere });
    expect(readFileSync(elsewhere).equals(zip)).toBe(true);
    await store.delete();
    expect(await store.sessionExists()).toBe(false);
  });

  it('reports a lost connection to admins and supervisors, reconnects with the saved session, and catches up on what came meanwhile', async () => {
    const supervisor = await connect(testApp.url, org.users.supervisor.token);
    try {
      const before = fakes.clients.length;
      client().emit('disconnected', 'NAVIGATION');
      await eventually(async () => (await state())?.state === 'disconnected');
      const lost = await eventually(async () => supervisor.of('notification').find((e) => (e.payload as { kind: string }).kind === 'channel_lost'));
      expect((lost.payload as { channel: { name: string; state: string } }).channel).toMatchObject({ name: 'جوال الجمعية', state: 'disconnected' });
      await settle();
      expect(agent.of('notification').filter((e) => (e.payload as { kind: string }).kind === 'channel_lost')).toEqual([]);

      // Meanwhile the person wrote twice; the next client finds the chat unread.
      const missed = [webMessage({ from: person, body: 'هل وصلتكم رسالتي؟' }), webMessage({ from: person, body: 'أرجو الرد' })];
      const reconnected = await eventually(async () => (fakes.clients.length > before ? fakes.latest : null), 20_000);
      reconnected.chats = [{ id: { _serialized: person }, isGroup: false, unreadCount: 2, fetchMessages: async () => missed }];
      reconnected.pair();
      await eventually(async () => (await state())?.state === 'connected');
      for (const message of missed) await eventually(async () => (await messagesOf(message.id._serialized)).length === 1);
      reconnected.pair();
      await settle(500);
      for (const message of missed) expect(await messagesOf(message.id._serialized)).toHaveLength(1);
    } finally {
      supervisor.close();
    }
  });

  it('says when the phone logged the number out', async () => {
    client().emit('disconnected', 'LOGOUT');
    await eventually(async () => (await state())?.state === 'logged_out');
    const [account] = await db().query(`SELECT health, health_detail FROM channel_accounts WHERE id = $1`, [accountId]);
    expect(account).toEqual({ health: 'error', health_detail: 'LOGOUT' });
  });
});
