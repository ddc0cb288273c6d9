import { Pool } from 'pg';
import { IngestBatcher, IngestElement, IngestElementError } from './ingest-batcher';

/** What the database answers for one element, by its external id. */
type Answer = { error_code: string; error_message?: string; error_constraint?: string } | 'ok';

/**
 * A stand-in for the pg pool: records each inbox_ingest_batch() call's
 * external ids and answers element by element through `answer`, or fails the
 * whole statement through `fail`, as PostgreSQL would.
 */
class FakePool {
  readonly calls: string[][] = [];
  private releases: (() => void)[] = [];
  hold = false;

  constructor(
    private readonly answer: (externalId: string, attempt: number) => Answer = () => 'ok',
    private readonly fail: (externalIds: string[]) => { code: string } | null = () => null,
  ) {}

  async query(query: { values: [string] }) {
    const elements = JSON.parse(query.values[0]) as IngestElement[];
    const ids = elements.map((e) => e.external_id);
    this.calls.push(ids);
    if (this.hold) await new Promise<void>((release) => this.releases.push(release));
    const failure = this.fail(ids);
    if (failure) throw Object.assign(new Error('statement failed'), failure);
    return {
      rows: ids.map((id, idx) => {
        const attempt = this.calls.filter((call) => call.includes(id)).length;
        const answer = this.answer(id, attempt);
        return answer === 'ok'
          ? { idx, outcome: 'opened', message_id: `m-${id}`, ticket_id: `t-${id}`, reference: 'T-1447-0001', contact_id: 'c', contact_created: true, error_code: null }
          : { idx, error_message: 'failed', error_constraint: null, ...answer };
      }),
    };
  }

  releaseAll(): void {
    this.hold = false;
    for (const release of this.releases.splice(0)) release();
  }
}

const element = (externalId: string) => ({ external_id: externalId }) as IngestElement;
const batcher = (pool: FakePool, maxSize = 32, maxRunning = 2) =>
  new IngestBatcher(() => pool as unknown as Pool, { maxSize, maxRunning, maxAttempts: 3 });
const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

describe('IngestBatcher', () => {
  it('sends messages submitted together in batches shared among the free connections, and answers each caller with its own row', async () => {
    const pool = new FakePool();
    const ingest = batcher(pool);
    const rows = await Promise.all(Array.from({ length: 10 }, (_, i) => ingest.submit(element(`e${i}`))));
    expect(rows.map((r) => r.message_id)).toEqual(Array.from({ length: 10 }, (_, i) => `m-e${i}`));
    expect(pool.calls).toEqual([['e0', 'e1', 'e2', 'e3', 'e4'], ['e5', 'e6', 'e7', 'e8', 'e9']]);
  });

  it('holds messages back while every connection is busy, then sends them together', async () => {
    const pool = new FakePool();
    pool.hold = true;
    const ingest = batcher(pool, 32, 1);
    const first = ingest.submit(element('first'));
    await new Promise((resolve) => setImmediate(resolve));
    const later = Array.from({ length: 5 }, (_, i) => ingest.submit(element(`later${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pool.calls).toEqual([['first']]);
    pool.releaseAll();
    await Promise.all([first, ...later]);
    expect(pool.calls).toEqual([['first'], ['later0', 'later1', 'later2', 'later3', 'later4']]);
  });

  it('rejects only the caller whose element failed, with the database error code and constraint', async () => {
    const pool = new FakePool((id) => (id === 'bad' ? { error_code: '23505', error_constraint: 'messages_external' } : 'ok'));
    const ingest = batcher(pool);
    const [good, bad, other] = await Promise.all(['good', 'bad', 'other'].map((id) => settle(ingest.submit(element(id)))));
    expect(good).toEqual({ value: expect.objectContaining({ message_id: 'm-good' }) });
    expect(other).toEqual({ value: expect.objectContaining({ message_id: 'm-other' }) });
    expect((bad as { error: IngestElementError }).error).toMatchObject({ code: '23505', constraint: 'messages_external' });
  });

  it('sends again an element that lost a deadlock, and gives up after three attempts', async () => {
    const pool = new FakePool((id, attempt) => (id === 'unlucky' && attempt === 1) || id === 'doomed' ? { error_code: '40P01' } : 'ok');
    const ingest = batcher(pool, 32, 1);
    const [unlucky, doomed] = await Promise.all([settle(ingest.submit(element('unlucky'))), settle(ingest.submit(element('doomed')))]);
    expect(unlucky).toEqual({ value: expect.objectContaining({ message_id: 'm-unlucky' }) });
    expect((doomed as { error: IngestElementError }).error).toMatchObject({ code: '40P01' });
    expect(pool.calls.filter((call) => call.includes('doomed'))).toHaveLength(3);
  });

  it('tries each element alone when bad data fails the whole batch, so only the bad one fails', async () => {
    const pool = new FakePool(() => 'ok', (ids) => (ids.includes('nul') ? { code: '22P05' } : null));
    const ingest = batcher(pool, 32, 1);
    const results = await Promise.all(['a', 'nul', 'b'].map((id) => settle(ingest.submit(element(id)))));
    expect(results[0]).toEqual({ value: expect.objectContaining({ message_id: 'm-a' }) });
    expect(results[1]).toEqual({ error: expect.objectContaining({ code: '22P05' }) });
    expect(results[2]).toEqual({ value: expect.objectContaining({ message_id: 'm-b' }) });
    expect(pool.calls).toEqual([['a', 'nul', 'b'], ['a'], ['nul'], ['b']]);
  });

  it('fails every caller of a batch whose statement failed for another reason', async () => {
    const pool = new FakePool(() => 'ok', () => ({ code: '57P01' }));
    const ingest = batcher(pool);
    const results = await Promise.all(['a', 'b'].map((id) => settle(ingest.submit(element(id)))));
    expect(results).toEqual([{ error: expect.objectContaining({ code: '57P01' }) }, { error: expect.objectContaining({ code: '57P01' }) }]);
  });
});
