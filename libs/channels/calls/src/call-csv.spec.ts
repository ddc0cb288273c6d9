import { parseCallTime, readCallCsv } from './call-csv';

describe('call-record CSV', () => {
  it('reads a header export, with per-row errors for broken rows', () => {
    const csv = [
      'Call ID,Start Time,Direction,From,To,Duration,Status,Agent,Notes',
      'a1,2024-11-20 09:15:00,inbound,0501234567,201,1:35,ANSWERED,201,سأل عن موعد التوزيع',
      'a2,2024-11-20 10:00,inbound,+966 55 123 4567,201,0,NO ANSWER,,',
      'a3,yesterday,sideways,12,201,abc,maybe,,',
      'a4,2024-11-20T07:00:00Z,outbound,201,٠٥٠٩٩٩٤٥١٤,00:02:10,answered,,"قال: ""سأعود"""',
    ].join('\n');
    const { rows, format } = readCallCsv(csv, 'Asia/Riyadh');
    expect(format).toBe('header');
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(rows[0]!.call).toMatchObject({ callId: 'a1', direction: 'incoming', number: '+966501234567', durationSeconds: 95, outcome: 'answered', agent: '201' });
    // 09:15 in Riyadh is 06:15 UTC.
    expect(rows[0]!.call!.startedAt.toISOString()).toBe('2024-11-20T06:15:00.000Z');
    expect(rows[1]!.call).toMatchObject({ number: '+966551234567', outcome: 'missed', durationSeconds: 0 });
    expect(rows[2]!.call).toBeNull();
    expect(rows[2]!.errors).toEqual([
      'direction "sideways" is neither incoming nor outgoing', '"12" is not a phone number', '"yesterday" is not a date and time',
      '"abc" is not a duration', 'outcome "maybe" is not answered, missed or callback needed',
    ]);
    expect(rows[3]!.call).toMatchObject({ direction: 'outgoing', number: '+966509994514', durationSeconds: 130, notes: 'قال: "سأعود"' });
  });

  it("reads Asterisk's Master.csv, which has no header", () => {
    const line = (src: string, dst: string, billsec: string, disposition: string, id: string) =>
      `"","${src}","${dst}","from-internal","""Caller"" <${src}>","SIP/trunk-0001","SIP/201-0002","Dial","SIP/201","2024-11-20 09:15:00","2024-11-20 09:15:05","2024-11-20 09:16:40","100","${billsec}","${disposition}","DOCUMENTATION","${id}",""`;
    const { rows, format } = readCallCsv([line('0501234567', '201', '95', 'ANSWERED', '1700000000.1'), line('201', '0551234567', '0', 'NO ANSWER', '1700000000.2')].join('\n'), 'Asia/Riyadh');
    expect(format).toBe('asterisk');
    expect(rows.map((r) => r.call && [r.call.callId, r.call.direction, r.call.number, r.call.outcome, r.call.durationSeconds])).toEqual([
      ['1700000000.1', 'incoming', '+966501234567', 'answered', 95],
      ['1700000000.2', 'outgoing', '+966551234567', 'missed', 0],
    ]);
  });

  it('reads times as exports write them', () => {
    expect(parseCallTime('1732800000', 'Asia/Riyadh')!.toISOString()).toBe('2024-11-28T13:20:00.000Z');
    expect(parseCallTime('2024-02-30 10:00', 'Asia/Riyadh')).toBeNull();
    expect(parseCallTime('2024-02-29 10:00', 'Asia/Riyadh')!.toISOString()).toBe('2024-02-29T07:00:00.000Z');
    expect(parseCallTime('2024-13-01 10:00', 'Asia/Riyadh')).toBeNull();
  });
});
