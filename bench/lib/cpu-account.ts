/**
 * CPU time spent by each party of a benchmark on this machine (Linux /proc), so a figure can say
 * where the cores went: the server's processes, PostgreSQL's, and the load generator's own.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

type ProcessInfo = { pid: number; ppid: number; comm: string; cpuSeconds: number };

function readProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      out.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        comm,
        // utime and stime, fields 14 and 15 of stat (11 and 12 after the command).
        cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      });
    } catch {
      // the process ended while being read
    }
  }
  return out;
}

/** CPU seconds of `rootPid` and its descendants, of PostgreSQL's processes, and of this one. */
export function cpuSnapshot(rootPid: number): { server: number; postgres: number; self: number } {
  const processes = readProcesses();
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of processes) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const sum = (keep: (p: ProcessInfo) => boolean) =>
    processes.filter(keep).reduce((total, p) => total + p.cpuSeconds, 0);
  const usage = process.cpuUsage();
  return {
    server: sum((p) => tree.has(p.pid)),
    postgres: sum((p) => p.comm === 'postgres'),
    self: (usage.user + usage.system) / 1e6,
  };
}

/** Milliseconds of CPU per unit of work between two snapshots, by party. */
export function cpuPer(
  before: ReturnType<typeof cpuSnapshot>,
  after: ReturnType<typeof cpuSnapshot>,
  units: number,
): string {
  const ms = (key: 'server' | 'postgres' | 'self') =>
    (((after[key] - before[key]) * 1000) / units).toFixed(2);
  return `server ${ms('server')} ms, PostgreSQL ${ms('postgres')} ms, load generator ${ms('self')} ms`;
}
