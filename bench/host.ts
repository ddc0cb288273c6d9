import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { withClient } from './db';
import { sleep } from './stats';

/**
 * CPU accounting from /proc (Linux only; elsewhere everything reads as 0):
 * how much of the machine went to processes that are not the bench, its
 * server child or PostgreSQL. Figures taken while something else was busy on
 * a 2-core machine are not comparable, so the bench waits for quiet and warns.
 */
const available = existsSync('/proc/stat');

export function ticksOf(pid: string): { ticks: number; comm: string; parent: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
    return { ticks: Number(fields[11]) + Number(fields[12]), comm: stat.slice(stat.indexOf('(') + 1, close), parent: Number(fields[1]) };
  } catch {
    return null;
  }
}

function busyTicks(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu!.trim().split(/\s+/).slice(1).map(Number);
  return v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + v[7]!;
}

export class HostMonitor {
  private readonly cores = cpus().length;
  private timer: NodeJS.Timeout | null = null;
  private last = new Map<string, number>();
  private startBusy = 0;
  private ours = 0;

  constructor(private readonly pids: () => number[]) {}

  /**
   * Starts counting. Our processes are sampled every 500 ms and their growth
   * summed, so PostgreSQL backends that exit before the end (a pool closing)
   * still count as ours.
   */
  begin(): void {
    if (!available) return;
    this.startBusy = busyTicks();
    this.ours = 0;
    this.last = new Map();
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), 500);
    this.timer.unref();
  }

  /** Share of all cores (0..1) that other processes used since begin(). */
  othersShare(seconds: number): number {
    if (!available || seconds <= 0 || !this.timer) return 0;
    this.sample(false);
    clearInterval(this.timer);
    this.timer = null;
    const others = busyTicks() - this.startBusy - this.ours;
    return Math.max(0, others / 100 / seconds / this.cores);
  }

  private sample(initial: boolean): void {
    const mine = this.pids();
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      const t = ticksOf(pid);
      // The servers a part starts (its children) are ours too.
      if (!t || !(mine.includes(Number(pid)) || t.parent === process.pid || t.comm === 'postgres')) continue;
      const before = this.last.get(pid);
      // A process first seen after begin() counts from zero (it started meanwhile).
      if (!initial) this.ours += t.ticks - (before ?? 0);
      this.last.set(pid, t.ticks);
    }
  }

  /** Waits (up to maxSeconds) until the whole machine is below 10% busy over a second; returns the last reading. */
  async waitForQuiet(maxSeconds: number, log: (line: string) => void): Promise<number> {
    if (!available) return 0;
    const deadline = Date.now() + maxSeconds * 1000;
    let warned = false;
    for (;;) {
      const a = busyTicks();
      await sleep(1000);
      const share = (busyTicks() - a) / 100 / this.cores;
      if (share < 0.1 || Date.now() > deadline) {
        if (share >= 0.1) log(`host: still ${Math.round(share * 100)}% busy after waiting ${maxSeconds} s; measuring anyway`);
        return share;
      }
      if (!warned) log(`host: ${Math.round(share * 100)}% busy with other work; waiting up to ${maxSeconds} s for quiet`);
      warned = true;
      await sleep(2000);
    }
  }
}

/**
 * CPU milliseconds spent while `work` ran: by this process (user + system), by the processes `pids`
 * and by the PostgreSQL backends serving `database`. Per message, it shows where the time goes.
 */
export async function cpuDuring(url: string, database: string, pids: number[], work: () => Promise<unknown>): Promise<{ self: number; others: number; postgres: number }> {
  const backends = async () => withClient(url, async (c) =>
    (await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database])).rows.map((r) => String(r.pid)));
  const ticks = (list: string[]) => new Map(list.map((pid) => [pid, ticksOf(pid)?.ticks ?? 0]));
  const sum = (after: Map<string, number>, before: Map<string, number>) => {
    let total = 0;
    // A process that started meanwhile counts from zero.
    for (const [pid, t] of after) total += t - (before.get(pid) ?? 0);
    // Linux counts CPU in ticks of 10 ms.
    return total * 10;
  };
  const listed = pids.map(String);
  const before = { postgres: ticks(await backends()), others: ticks(listed) };
  const self = process.cpuUsage();
  await work();
  const used = process.cpuUsage(self);
  const after = { postgres: ticks(await backends()), others: ticks(listed) };
  return { self: (used.user + used.system) / 1000, others: sum(after.others, before.others), postgres: sum(after.postgres, before.postgres) };
}
