import { pick } from './assignment.service';

const agent = (userId: string, load: number, capacity: number, lastAssignedAt: string | null) =>
  ({ userId, load, capacity, lastAssignedAt: lastAssignedAt ? new Date(lastAssignedAt) : null });

describe('choosing the next agent', () => {
  it('round-robin gives the ticket to whoever waited longest, never above capacity', () => {
    const agents = [agent('a', 1, 3, '2026-11-22T08:05:00Z'), agent('b', 0, 3, '2026-11-22T08:01:00Z'), agent('c', 3, 3, null)];
    expect(pick(agents, 'round_robin')?.userId).toBe('b');
    expect(pick([agent('a', 0, 2, null), agent('b', 0, 2, '2026-11-22T08:00:00Z')], 'round_robin')?.userId).toBe('a');
  });

  it('balanced gives the ticket to the least loaded agent', () => {
    const agents = [agent('a', 4, 10, null), agent('b', 1, 10, '2026-11-22T08:05:00Z'), agent('c', 2, 10, '2026-11-22T08:00:00Z')];
    expect(pick(agents, 'balanced')?.userId).toBe('b');
  });

  it('gives nothing when every agent is at capacity', () => {
    expect(pick([agent('a', 2, 2, null), agent('b', 5, 5, null)], 'balanced')).toBeUndefined();
    expect(pick([], 'round_robin')).toBeUndefined();
  });
});
