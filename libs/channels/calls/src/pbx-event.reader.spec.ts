import { readPbxEvent } from './pbx-event.reader';

describe('PBX events', () => {
  it('reads the names Asterisk scripts and 3CX templates use', () => {
    expect(readPbxEvent({ Event: 'Hangup', Uniqueid: '1700000000.42', CallerIDNum: '0501234567', Exten: '201', BillSec: '95', Disposition: 'ANSWERED', Extra: 'ignored' }))
      .toMatchObject({ event: 'ended', callId: '1700000000.42', direction: 'incoming', from: '0501234567', durationSeconds: 95, disposition: 'ANSWERED' });
    expect(readPbxEvent({ type: 'answered', call_id: 'c-1', direction: 'outbound', from: '201', to: '0551234567', agent_email: 'agent@example.org', at: '1732800000' }))
      .toMatchObject({ event: 'answered', direction: 'outgoing', to: '0551234567', agentEmail: 'agent@example.org', at: new Date(1732800000 * 1000) });
  });

  it('names what is missing or wrong', () => {
    expect(() => readPbxEvent({ event: 'exploded', callId: 'x', from: '1' })).toThrow('event must be ringing, answered or ended');
    expect(() => readPbxEvent({ event: 'ringing', from: '0501234567' })).toThrow('callId');
    expect(() => readPbxEvent({ event: 'ringing', callId: 'x', direction: 'outgoing', from: '201' })).toThrow("other party's number");
    expect(() => readPbxEvent({ event: 'ended', callId: 'x', from: '1', duration: '-3' })).toThrow('durationSeconds');
  });
});
