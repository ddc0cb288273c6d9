import { compareRows, matchesView, parseView, viewFilter } from './views';
import type { TicketListItem } from '../api/types';

describe('inbox views', () => {
  const me = 'user-me';

  it('reads a view from the address, falling back to mine', () => {
    expect(parseView('team:abc-123')).toBe('team:abc-123');
    expect(parseView('channel:whatsapp_web')).toBe('channel:whatsapp_web');
    expect(parseView('nonsense')).toBe('mine');
    expect(parseView(undefined)).toBe('mine');
  });

  it('decides from a live event whether a ticket still belongs in a view', () => {
    const open = { status: 'open', teamId: 't1', assigneeId: me };
    expect(matchesView(viewFilter('mine'), open, me)).toBe(true);
    expect(matchesView(viewFilter('mine'), { ...open, assigneeId: 'someone' }, me)).toBe(false);
    expect(matchesView(viewFilter('mine'), { ...open, status: 'resolved' }, me)).toBe(false);
    expect(matchesView(viewFilter('unassigned'), { ...open, assigneeId: null }, me)).toBe(true);
    expect(matchesView(viewFilter('team:t1'), open, me)).toBe(true);
    expect(matchesView(viewFilter('team:t2'), open, me)).toBe(false);
    expect(matchesView(viewFilter('status:resolved'), { ...open, status: 'resolved' }, me)).toBe(true);
    expect(matchesView(viewFilter('channel:email'), { ...open, channelKind: 'whatsapp_web' }, me)).toBe(false);
    // A channel view cannot tell from an event alone; the row fetched afterwards decides.
    expect(matchesView(viewFilter('channel:email'), open, me)).toBe(true);
    expect(matchesView({ statuses: ['open'], assignee: 'other' }, { ...open, assigneeId: 'other' }, me)).toBe(true);
  });

  it('orders rows as the server pages them: newest activity first, then by id', () => {
    const row = (id: string, lastActivityAt: string) => ({ id, lastActivityAt }) as TicketListItem;
    const rows = [row('a', '2026-01-01T10:00:00.000Z'), row('c', '2026-01-01T11:00:00.000Z'), row('b', '2026-01-01T10:00:00.000Z')];
    expect(rows.sort(compareRows).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
