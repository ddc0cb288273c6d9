import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { StreamEvent } from '@inbox/realtime';
import { createOrganization, eventually, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { connect, RecordingClient, settle } from './helpers/sockets';
import { startTestApp, TestApp } from './helpers/test-app';
import { RealtimeGateway } from '../apps/api/src/realtime/realtime.gateway';

/**
 * The socket.io gateway, with two api replicas on one database: events reach
 * exactly the users allowed to see them, on whichever replica they are
 * connected, and a client that drops its connection loses nothing.
 */
describe('realtime', () => {
  let first: TestApp;
  let second: TestApp;
  let http: Http;
  let org: TestOrganization;
  let other: TestOrganization;
  const clients: RecordingClient[] = [];

  const open = async (app: TestApp, token: string) => {
    const client = await connect(app.url, token);
    clients.push(client);
    return client;
  };
  const male = (text = 'السلام عليكم، أريد الاستفسار') => inbound(http, org, {
    externalId: randomUUID(), text,
    sender: { name: 'سالم', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
  });

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp();
    http = new Http(first.url);
    org = await createOrganization(first, http);
    other = await createOrganization(first, http);
    // The replicas find each other by heartbeat through the database.
    await eventually(async () => (await first.app.get(RealtimeGateway).replicas()) === 2 && (await second.app.get(RealtimeGateway).replicas()) === 2, 40_000);
  }, 60_000);
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await second.close();
    await first.close();
  });

  it('refuses a handshake without a token, with a forged one and with an expired one', async () => {
    await expect(connect(first.url, undefined)).rejects.toThrow('unauthorized');
    await expect(connect(first.url, 'not-a-token')).rejects.toThrow('unauthorized');
    const forged = new JwtService({ secret: 'someone-elses-secret-that-is-long-enough' });
    const claims = { sub: org.users.agentMen.id, org: org.id };
    await expect(connect(first.url, await forged.signAsync(claims))).rejects.toThrow('unauthorized');
    const expired = await first.app.get(JwtService).signAsync({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(connect(first.url, expired)).rejects.toThrow('unauthorized');
    const valid = await connect(first.url, org.users.agentMen.token);
    expect(valid.ready?.userId).toBe(org.users.agentMen.id);
    valid.close();
  });

  it('sends a new ticket to its team, the supervisors and nobody else, on either replica', async () => {
    const agentMen = await open(second, org.users.agentMen.token);
    const supervisor = await open(first, org.users.supervisor.token);
    const agentWomen = await open(first, org.users.agentWomen.token);
    const outsider = await open(second, other.users.supervisor.token);

    const sent = await male();
    expect(sent.status).toBe(202);
    const ticketId = sent.body.ticketId;
    for (const client of [agentMen, supervisor]) {
      await eventually(async () => client.of('message.created', ticketId).length === 1);
      expect(client.of('ticket.created', ticketId)).toHaveLength(1);
    }
    const created = agentMen.of('ticket.created', ticketId)[0] as StreamEvent<'ticket.created'>;
    expect(created.payload).toMatchObject({ ticketId, teamId: org.men.id, status: 'new' });
    await settle();
    expect(agentWomen.events.filter((e) => e.ticketId === ticketId)).toEqual([]);
    expect(outsider.events).toEqual([]);

    // Reassigned to the women's team: both teams hear of it (one to remove it, one to add it).
    await http.patch(`/tickets/${ticketId}`, { teamId: org.women.id }, org.users.supervisor.token);
    await eventually(async () => agentWomen.of('ticket.updated', ticketId).length === 1);
    await eventually(async () => agentMen.of('ticket.updated', ticketId).length === 1);
    expect(agentMen.of('ticket.updated', ticketId)[0].payload).toMatchObject({ teamId: org.women.id, changes: ['teamId'] });
  });

  it('sends complaint events only to complaints officers, live and on replay', async () => {
    const officer = await open(first, org.users.officer.token);
    const supervisor = await open(second, org.users.supervisor.token);
    const agentMen = await open(first, org.users.agentMen.token);
    const since = supervisor.ready!.lastEventId;
    const sent = await inbound(http, org, {
      externalId: randomUUID(), type: 'complaint', text: 'شكوى بخصوص موظف',
      sender: { name: 'مشتكٍ', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] },
    });
    const ticketId = sent.body.ticketId;
    await eventually(async () => officer.of('message.created', ticketId).length === 1);
    await settle();
    expect(supervisor.events.filter((e) => e.ticketId === ticketId)).toEqual([]);
    expect(agentMen.events.filter((e) => e.ticketId === ticketId)).toEqual([]);
    const replay = await supervisor.socket.emitWithAck('sync', { since });
    expect(replay.events.filter((e) => e.ticketId === ticketId)).toEqual([]);
    const officerReplay = await officer.socket.emitWithAck('sync', { since });
    expect(officerReplay.events.filter((e) => e.ticketId === ticketId).map((e) => e.type)).toEqual(['ticket.created', 'message.created']);
    // Nor can anyone else join its presence room.
    expect(await supervisor.socket.emitWithAck('ticket.view', { ticketId })).toEqual({ ok: false, error: 'not_found' });
  });

  it('shows who is viewing and who is replying, across replicas, only to those allowed to open the ticket', async () => {
    const ticketId = (await male()).body.ticketId;
    const agent = await open(first, org.users.agentMen.token);
    const supervisor = await open(second, org.users.supervisor.token);
    const stranger = await open(second, org.users.agentWomen.token);
    const outsider = await open(first, other.users.admin.token);

    expect((await agent.socket.emitWithAck('ticket.view', { ticketId })).presence?.viewers.map((v) => v.userId)).toEqual([org.users.agentMen.id]);
    const seen = await supervisor.socket.emitWithAck('ticket.view', { ticketId });
    expect(seen.presence?.viewers.map((v) => v.userId).sort()).toEqual([org.users.agentMen.id, org.users.supervisor.id].sort());
    await eventually(async () => agent.presence.some((p) => p.viewers.length === 2));

    agent.socket.emit('ticket.typing', { ticketId, typing: true });
    await eventually(async () => supervisor.presence.some((p) => p.viewers.some((v) => v.userId === org.users.agentMen.id && v.typing)));

    expect(await stranger.socket.emitWithAck('ticket.view', { ticketId })).toEqual({ ok: false, error: 'not_found' });
    expect(await outsider.socket.emitWithAck('ticket.view', { ticketId })).toEqual({ ok: false, error: 'not_found' });
    expect(await stranger.socket.emitWithAck('ticket.view', { ticketId: 'nope' })).toEqual({ ok: false, error: 'invalid' });
    stranger.socket.emit('ticket.typing', { ticketId, typing: true });
    await settle();
    expect(stranger.presence).toEqual([]);
    expect(outsider.presence).toEqual([]);

    // Leaving (or closing the tab) updates the others.
    agent.close();
    await eventually(async () => {
      const last = supervisor.presence[supervisor.presence.length - 1];
      return last.viewers.length === 1 && last.viewers[0].userId === org.users.supervisor.id;
    });
  });

  it('closes the connection when the access token expires, so the client reconnects with a fresh one', async () => {
    const shortLived = await first.app.get(JwtService).signAsync({ sub: org.users.agentMen.id, org: org.id }, { expiresIn: 2 });
    const client = await open(first, shortLived);
    const reason = await new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
  });

  it('announces what the worker does (delivery status of a reply) like what the api does', async () => {
    const ticketId = (await male()).body.ticketId;
    const client = await open(second, org.users.agentMen.token);
    const reply = await http.post(`/tickets/${ticketId}/messages`, { body: 'أهلا بك، كيف نخدمك؟' }, org.users.agentMen.token);
    expect(reply.status).toBe(201);
    await eventually(async () => client.of('message.created', ticketId).length === 1);
    // No webhook is configured for this channel, so the send job fails for good; the failure is announced, not silent.
    const updates = await eventually(async () => {
      const found = client.of('message.updated', ticketId).map((e) => e.payload as { messageId: string; deliveryStatus: string });
      return found.some((u) => u.deliveryStatus === 'failed') && found;
    }, 20_000);
    expect(updates.every((u) => u.messageId === reply.body.id)).toBe(true);
  });

  it('loses nothing when the connection drops while messages arrive', async () => {
    const client = await open(first, org.users.supervisor.token);
    const seen = new Map<string, StreamEvent>();
    const record = () => client.events.forEach((e) => seen.set(e.id, e));
    let cursor = client.ready!.lastEventId;
    const sentIds: string[] = [];
    let sending = true;
    let sentWhileAway = 0;
    const sender = (async () => {
      while (sending) {
        const sent = await male(`رسالة ${sentIds.length}`);
        sentIds.push(sent.body.messageId);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();

    for (let drop = 0; drop < 3; drop++) {
      await eventually(async () => client.events.length > 0);
      record();
      cursor = [...seen.keys()].reduce((max, id) => (BigInt(id) > BigInt(max) ? id : max), cursor);
      client.socket.disconnect();
      // Stay away until at least one message has arrived in the meantime, however slow the machine is.
      const sentBeforeDrop = sentIds.length;
      await eventually(async () => sentIds.length > sentBeforeDrop);
      sentWhileAway += sentIds.length - sentBeforeDrop;
      client.events.length = 0;
      client.socket.connect();
      await eventually(async () => client.socket.connected);
      const replay = await client.socket.emitWithAck('sync', { since: cursor });
      expect(replay.reset).toBe(false);
      replay.events.forEach((e) => seen.set(e.id, e));
    }
    sending = false;
    await sender;
    await eventually(async () => {
      record();
      const received = new Set([...seen.values()].filter((e) => e.type === 'message.created').map((e) => (e.payload as { messageId: string }).messageId));
      return sentIds.every((id) => received.has(id));
    });
    expect(sentWhileAway).toBeGreaterThanOrEqual(3);
  });
});
