import { benchServer } from './db';
import { ingestBench } from './ingest.bench';
import { fmt, renderTable, ResultRow, verdict } from './stats';
import { checkVocabulary } from './vocabulary';

const started = Date.now();
const log = (line: string) => process.stdout.write(`[${fmt((Date.now() - started) / 1000, 0).padStart(4)}s] ${line}\n`);
const intEnv = (name: string, fallback: number) => (process.env[name] ? Number.parseInt(process.env[name]!, 10) : fallback);

async function main(): Promise<void> {
  checkVocabulary();
  const only = new Set((process.env.BENCH_ONLY ?? 'ingest,list,search').split(',').map((s) => s.trim()).filter(Boolean));
  const server = await benchServer(log);
  log(`PostgreSQL: ${server.source}`);
  const rows: ResultRow[] = [];
  try {
    if (only.has('ingest')) {
      rows.push(...(await ingestBench(server, {
        messages: intEnv('BENCH_INGEST_MESSAGES', 20_000),
        phones: intEnv('BENCH_INGEST_PHONES', 5_000),
        concurrency: intEnv('BENCH_INGEST_CONCURRENCY', 32),
        pacedRate: intEnv('BENCH_PACED_RATE', 500),
        pacedSeconds: intEnv('BENCH_PACED_SECONDS', 10),
        poolSize: intEnv('BENCH_POOL_SIZE', 10),
      }, log)));
    }
  } finally {
    await server.stop();
  }
  const misses = rows.filter((r) => verdict(r) === 'MISS').length;
  const passes = rows.filter((r) => verdict(r) === 'PASS').length;
  process.stdout.write(`\n${renderTable(rows)}\n\n`);
  process.stdout.write(`Totals: ${passes} PASS, ${misses} MISS, ${rows.length - passes - misses} informational; bench took ${fmt((Date.now() - started) / 60_000, 1)} min\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
