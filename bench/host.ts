import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { sleep } from './stats';

/**
 * CPU accounting from /proc (Linux only; elsewhere everything reads as 0):
 * how much of the machine went to processes that are not the bench, its
 * server child or PostgreSQL. Figures taken while something else was busy on
 * a 2-core machine are not comparable, so the bench waits for quiet and warns.
 */
interface Snapshot {
  busy: number;
  ours: number;
}

const available = existsSync('/proc/stat');

function ticksOf(pid: string): { ticks: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
    return { ticks: Number(fields[11]) + Number(fields[12]), comm: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return null;
  }
}

function snapshot(pids: number[]): Snapshot {
  if (!available) return { busy: 0, ours: 0 };
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu!.trim().split(/\s+/).slice(1).map(Number);
  const busy = v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + v[7]!;
  let ours = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const t = ticksOf(pid);
    if (t && (pids.includes(Number(pid)) || t.comm === 'postgres')) ours += t.ticks;
  }
  return { busy, ours };
}

export class HostMonitor {
  private start: Snapshot | null = null;
  private readonly cores = cpus().length;

  constructor(private readonly pids: () => number[]) {}

  begin(): void {
    this.start = snapshot(this.pids());
  }

  /** Share of all cores (0..1) that other processes used since begin(). */
  othersShare(seconds: number): number {
    if (!available || !this.start || seconds <= 0) return 0;
    const end = snapshot(this.pids());
    const others = end.busy - this.start.busy - (end.ours - this.start.ours);
    return Math.max(0, others / 100 / seconds / this.cores);
  }

  /** Waits (up to maxSeconds) until the whole machine is below 10% busy over a second; returns the last reading. */
  async waitForQuiet(maxSeconds: number, log: (line: string) => void): Promise<number> {
    if (!available) return 0;
    const deadline = Date.now() + maxSeconds * 1000;
    let warned = false;
    for (;;) {
      const a = snapshot([]);
      await sleep(1000);
      const b = snapshot([]);
      const share = (b.busy - a.busy) / 100 / this.cores;
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
