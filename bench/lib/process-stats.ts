import { readdirSync, readFileSync } from 'node:fs';

/**
 * What Linux's /proc says about one process: CPU time and resident memory. Benchmarks that
 * run each service in a process of its own read these to compare the services' cost.
 */

/** Linux reports CPU time in clock ticks of 1/100 s on every architecture Node runs on. */
export const TICKS_PER_SECOND = 100;

/** The fields of /proc/<pid>/stat after the command name, which may hold spaces. */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * utime + stime in seconds; with `reapedChildren`, also the time of the process's children
 * that have exited and been waited for (cutime + cstime). 0 for a process that is gone.
 */
export function processCpuSeconds(pid: number, options: { reapedChildren?: boolean } = {}) {
  const fields = statFields(pid);
  if (!fields) return 0;
  const own = Number(fields[11]) + Number(fields[12]);
  const children = options.reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return (own + children) / TICKS_PER_SECOND;
}

/** The process and every live process descended from it. */
export function processTree(rootPid: number): Set<number> {
  const childrenOf = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (!Number.isInteger(parent)) continue;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(entry)]);
  }
  const tree = new Set<number>();
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.add(pid);
    pending.push(...(childrenOf.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU seconds of a process and all its descendants, those still running and those that have
 * exited; a benchmark's child processes end before it reports, and their time still counts.
 */
export function processTreeCpuSeconds(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    total += processCpuSeconds(pid, { reapedChildren: true });
  }
  return total;
}

/** A `kB` line of /proc/<pid>/status in bytes, or NaN where it cannot be read. */
function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The most resident memory the process has held since it started (VmHWM). */
export function peakResidentBytes(pid: number): number {
  return statusBytes(pid, 'VmHWM');
}

/** The resident memory the process holds now (VmRSS). */
export function residentBytes(pid: number): number {
  return statusBytes(pid, 'VmRSS');
}

/** Every live process whose command name (/proc/<pid>/comm) is `name`, such as `postgres`. */
export function processesNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // The process ended between listing and reading; it has nothing left to count.
    }
  }
  return pids;
}

/**
 * CPU seconds of every process named `name`, including the exited children each has reaped.
 * For a PostgreSQL server on this machine that is the whole server: a backend that ends
 * mid-measurement is reaped by the postmaster, so its time moves into the postmaster's
 * cutime instead of disappearing, and differences of two readings stay exact.
 */
export function processesNamedCpuSeconds(name: string): number {
  return processesNamed(name).reduce(
    (sum, pid) => sum + processCpuSeconds(pid, { reapedChildren: true }),
    0,
  );
}
