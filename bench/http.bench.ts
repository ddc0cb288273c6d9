import { encodeCursor } from '@inbox/core';
import { prefixQuery } from '@inbox/contacts';
import { withClient } from './db';
import { SeededData } from './seed';
import { Api } from './server-process';
import { fmt, ResultRow, Samples } from './stats';
import { FAMILY_NAMES, VOCABULARY, variantSpelling } from './vocabulary';

interface Page {
  items: { id: string; lastActivityAt: string; confidential: boolean }[];
  nextCursor: string | null;
}

const OPEN = 'new,open,pending';
const LIST_TARGET = { kind: 'max' as const, value: 25 };
const SEARCH_TARGET = { kind: 'max' as const, value: 100 };
const EXACT_TARGET = { kind: 'max' as const, value: 10 };

function row(section: string, metric: string, samples: Samples, target: ResultRow['target'], note = ''): ResultRow[] {
  const detail = `p50 ${fmt(samples.percentile(50))} ms, max ${fmt(samples.max)} ms, n=${samples.count}${note ? `; ${note}` : ''}`;
  return [{ section, metric: `${metric} p99`, value: samples.percentile(99), unit: 'ms', target, note: detail }];
}

/** A page must be in (last_activity_at, id) descending order and must continue strictly below the page before. */
function checkOrder(items: Page['items'], after?: { at: string; id: string }): void {
  let previous = after;
  for (const item of items) {
    if (item.confidential) throw new Error(`the admin list returned confidential ticket ${item.id}`);
    if (previous && (item.lastActivityAt > previous.at || (item.lastActivityAt === previous.at && item.id >= previous.id))) {
      throw new Error(`list out of order at ticket ${item.id} (${item.lastActivityAt} after ${previous.at})`);
    }
    previous = { at: item.lastActivityAt, id: item.id };
  }
}

const lastOf = (page: Page) => {
  const last = page.items[page.items.length - 1];
  return last ? { at: last.lastActivityAt, id: last.id } : undefined;
};

export async function listBench(api: Api, data: SeededData, log: (line: string) => void): Promise<ResultRow[]> {
  const visible = data.teams.filter((t) => !t.confidential);
  const sizes = await withClient(data.databaseUrl, async (c) => (await c.query(
    `SELECT team_id, count(*)::int AS n FROM tickets WHERE organization_id = $1 AND status IN ('new', 'open', 'pending') AND NOT confidential GROUP BY team_id`,
    [data.organizationId],
  )).rows as { team_id: string | null; n: number }[]);
  const openOf = (teamId: string) => sizes.find((s) => s.team_id === teamId)?.n ?? 0;
  log(`list: open tickets visible per team: ${visible.map((t) => `${t.name} ${openOf(t.id)}`).join(', ')}`);

  // Warm-up: the first requests pay for connections and caches.
  for (const team of visible) for (let i = 0; i < 10; i++) await api.get<Page>('/tickets', { teamId: team.id, status: OPEN, limit: 50 });

  const first = new Samples();
  for (let i = 0; i < 100; i++) {
    for (const team of visible) {
      const { body, ms } = await api.get<Page>('/tickets', { teamId: team.id, status: OPEN, limit: 50 });
      first.add(ms);
      if (body.items.length !== 50 || !body.nextCursor) throw new Error(`first page of team ${team.name} has ${body.items.length} items`);
      if (i === 0) checkOrder(body.items);
    }
  }
  log(`list: first page p50 ${fmt(first.percentile(50))} ms p99 ${fmt(first.percentile(99))} ms`);

  const follow = new Samples();
  for (const team of visible.slice(0, 2)) {
    let page = (await api.get<Page>('/tickets', { teamId: team.id, status: OPEN, limit: 50 })).body;
    const seen = new Set(page.items.map((i) => i.id));
    for (let i = 0; i < 200; i++) {
      if (!page.nextCursor) throw new Error(`team ${team.name} ran out of pages after ${i}`);
      const after = lastOf(page);
      const { body, ms } = await api.get<Page>('/tickets', { teamId: team.id, status: OPEN, limit: 50, cursor: page.nextCursor });
      follow.add(ms);
      checkOrder(body.items, after);
      for (const item of body.items) {
        if (seen.has(item.id)) throw new Error(`ticket ${item.id} listed twice while paging team ${team.name}`);
        seen.add(item.id);
      }
      page = body;
    }
  }
  log(`list: following nextCursor 200 pages x 2 teams p50 ${fmt(follow.percentile(50))} ms p99 ${fmt(follow.percentile(99))} ms`);

  // Cursors made from rows deep in each team's open set (5% .. 99% of the way down), then four pages on from each.
  const deep = new Samples();
  for (const team of visible) {
    const total = openOf(team.id);
    const offsets = Array.from({ length: 20 }, (_, i) => Math.floor(total * (0.05 + (0.94 * i) / 19)));
    const cursors = await withClient(data.databaseUrl, async (c) => {
      const out: { at: string; id: string }[] = [];
      for (const offset of offsets) {
        const [r] = (await c.query(
          `SELECT to_json(last_activity_at) #>> '{}' AS at, id FROM tickets
           WHERE organization_id = $1 AND team_id = $2 AND status IN ('new', 'open', 'pending') AND NOT confidential
           ORDER BY last_activity_at DESC, id DESC OFFSET $3 LIMIT 1`,
          [data.organizationId, team.id, offset],
        )).rows;
        if (r) out.push(r);
      }
      return out;
    });
    for (const start of cursors) {
      let cursor: string | null = encodeCursor(start);
      let after: { at: string; id: string } | undefined = start;
      for (let i = 0; i < 5 && cursor; i++) {
        const { body, ms }: { body: Page; ms: number } = await api.get<Page>('/tickets', { teamId: team.id, status: OPEN, limit: 50, cursor });
        deep.add(ms);
        checkOrder(body.items, after);
        after = lastOf(body);
        cursor = body.nextCursor;
      }
    }
  }
  log(`list: deep cursors p50 ${fmt(deep.percentile(50))} ms p99 ${fmt(deep.percentile(99))} ms`);

  // An admin opening the complaints team: every ticket there is confidential, so the page is empty.
  const hidden = data.teams.find((t) => t.confidential);
  const confidential = new Samples();
  if (hidden) {
    for (let i = 0; i < 20; i++) {
      const { body, ms } = await api.get<Page>('/tickets', { teamId: hidden.id, status: OPEN, limit: 50 });
      if (i > 1) confidential.add(ms);
      if (body.items.length) throw new Error('the admin saw confidential tickets');
    }
    log(`list: all-confidential team (admin sees none) p50 ${fmt(confidential.percentile(50))} ms p99 ${fmt(confidential.percentile(99))} ms`);
  }

  return [
    ...row('Inbox list', `first page, ${visible.length} teams, open, limit 50`, first, LIST_TARGET),
    ...row('Inbox list', 'following nextCursor, 200 pages x 2 teams', follow, LIST_TARGET),
    ...row('Inbox list', 'deep cursors (5%..99% down each team), 5 pages each', deep, LIST_TARGET),
    ...(hidden ? row('Inbox list', 'admin on the all-confidential complaints team (empty page)', confidential, undefined, 'not a brief target') : []),
  ];
}

interface Term {
  query: string;
  indexed: string;
  matches: number;
}

/** Terms from a band of vocabulary ranks that have a different spelling from the indexed one, with their message counts. */
async function terms(data: SeededData, words: string[], count: number): Promise<Term[]> {
  const candidates = words.filter((w) => variantSpelling(w) !== w).slice(0, count);
  return withClient(data.databaseUrl, async (c) => {
    const out: Term[] = [];
    for (const word of candidates) {
      const query = variantSpelling(word);
      const [r] = (await c.query(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM messages WHERE organization_id = $1 AND search_vector @@ to_tsquery('simple', $2) LIMIT 100001) m`,
        [data.organizationId, prefixQuery(query)],
      )).rows;
      out.push({ query, indexed: word, matches: r.n });
    }
    return out;
  });
}

const describe = (list: Term[]) => {
  const counts = list.map((t) => t.matches).sort((a, b) => a - b);
  const show = (n: number) => (n > 100_000 ? '>100k' : n >= 1000 ? `${fmt(n / 1000, 1)}k` : String(n));
  return `${list.length} terms in ${show(counts[0] ?? 0)}..${show(counts[counts.length - 1] ?? 0)} msgs`;
};

async function searchTimes(api: Api, list: Term[], repeats: number, check?: (items: number, term: Term) => void): Promise<Samples> {
  const samples = new Samples();
  for (const term of list) await api.get<Page>('/tickets', { q: term.query, limit: 50 });
  for (let i = 0; i < repeats; i++) {
    for (const term of list) {
      const { body, ms } = await api.get<Page>('/tickets', { q: term.query, limit: 50 });
      samples.add(ms);
      if (i === 0) check?.(body.items.length, term);
    }
  }
  return samples;
}

/** What every request costs before any ticket query: Nest and Express alone, then with the access-token check (JWT plus actor lookup). */
export async function overheadBench(api: Api, log: (line: string) => void): Promise<ResultRow[]> {
  const health = new Samples();
  const me = new Samples();
  for (let i = 0; i < 220; i++) {
    const a = await api.get('/health', {}, false);
    const b = await api.get('/auth/me', {});
    if (i >= 20) {
      health.add(a.ms);
      me.add(b.ms);
    }
  }
  log(`overhead: GET /health p50 ${fmt(health.percentile(50))} ms; GET /auth/me p50 ${fmt(me.percentile(50))} ms`);
  return [
    ...row('HTTP floor', 'GET /health (no auth, SELECT 1)', health, undefined),
    ...row('HTTP floor', 'GET /auth/me (token check + 1 query)', me, undefined),
  ];
}

export async function searchBench(api: Api, data: SeededData, log: (line: string) => void): Promise<ResultRow[]> {
  const rare = await terms(data, VOCABULARY.slice(170).reverse(), 8);
  const medium = await terms(data, VOCABULARY.slice(60, 120), 8);
  const common = await terms(data, VOCABULARY.slice(0, 30), 8);
  for (const [name, list] of [['rare', rare], ['medium', medium], ['common', common]] as const) {
    log(`search: ${name}: ${list.map((t) => `${t.query}(${t.indexed}) ${t.matches > 100_000 ? '>100k' : t.matches}`).join(', ')}`);
  }
  const names: Term[] = FAMILY_NAMES.slice(10, 16).map((n) => ({ query: variantSpelling(n), indexed: n, matches: 0 }));
  const found = (items: number, term: Term) => {
    if (items === 0) throw new Error(`search for ${term.query} (indexed as ${term.indexed}) found nothing`);
  };
  const repeats = 12;
  const rareSamples = await searchTimes(api, rare, repeats, found);
  log(`search: rare p50 ${fmt(rareSamples.percentile(50))} ms p99 ${fmt(rareSamples.percentile(99))} ms`);
  const mediumSamples = await searchTimes(api, medium, repeats, found);
  log(`search: medium p50 ${fmt(mediumSamples.percentile(50))} ms p99 ${fmt(mediumSamples.percentile(99))} ms`);
  const commonSamples = await searchTimes(api, common, repeats, found);
  log(`search: common p50 ${fmt(commonSamples.percentile(50))} ms p99 ${fmt(commonSamples.percentile(99))} ms`);
  const nameSamples = await searchTimes(api, names, repeats, found);
  log(`search: family names p50 ${fmt(nameSamples.percentile(50))} ms p99 ${fmt(nameSamples.percentile(99))} ms`);

  // Exact lookups: references, phones typed as 05xxxxxxxx, emails; of tickets the admin can see.
  const picks = await withClient(data.databaseUrl, async (c) => (await c.query(
    `SELECT t.reference, (SELECT value FROM contact_identities i WHERE i.contact_id = t.contact_id AND kind = 'phone') AS phone,
            (SELECT value FROM contact_identities i WHERE i.contact_id = t.contact_id AND kind = 'email') AS email
     FROM tickets t TABLESAMPLE BERNOULLI (0.05) REPEATABLE (7)
     WHERE t.organization_id = $1 AND NOT t.confidential LIMIT 200`,
    [data.organizationId],
  )).rows as { reference: string; phone: string; email: string | null }[]);
  const lookups = {
    reference: picks.slice(0, 40).map((p) => p.reference.toLowerCase()),
    phone: picks.slice(0, 40).map((p) => `0${p.phone.slice(4)}`),
    email: picks.filter((p) => p.email).slice(0, 40).map((p) => p.email!.toUpperCase()),
  };
  const exact: Record<string, Samples> = {};
  for (const [kind, values] of Object.entries(lookups)) {
    const samples = (exact[kind] = new Samples());
    for (const q of values) await api.get<Page>('/tickets', { q, limit: 50 });
    for (let i = 0; i < 3; i++) {
      for (const q of values) {
        const { body, ms } = await api.get<Page>('/tickets', { q, limit: 50 });
        samples.add(ms);
        if (body.items.length === 0) throw new Error(`exact search for ${q} found nothing`);
      }
    }
    log(`search: exact ${kind} (e.g. ${values[0]}) p50 ${fmt(samples.percentile(50))} ms p99 ${fmt(samples.percentile(99))} ms`);
  }

  return [
    ...row('Search', 'rare words, variant spelling', rareSamples, SEARCH_TARGET, describe(rare)),
    ...row('Search', 'medium words, variant spelling', mediumSamples, SEARCH_TARGET, describe(medium)),
    ...row('Search', 'common words, variant spelling', commonSamples, SEARCH_TARGET, describe(common)),
    ...row('Search', 'contact family names (~5k contacts each)', nameSamples, SEARCH_TARGET),
    ...row('Search', 'exact ticket reference (lower case)', exact.reference!, EXACT_TARGET),
    ...row('Search', 'exact phone as 05xxxxxxxx', exact.phone!, EXACT_TARGET),
    ...row('Search', 'exact email (upper case)', exact.email!, EXACT_TARGET),
  ];
}
