import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  processCpuSeconds,
  processesNamedCpuSeconds,
  processTree,
  processTreeCpuSeconds,
  TICKS_PER_SECOND,
} from './process-stats.js';

/**
 * How much CPU processes outside the benchmark took while it ran, read from Linux's /proc.
 * On a shared machine other work (a test suite, a build) takes cores from the services and
 * lowers every number; this says whether a run can be trusted.
 */

interface Reading {
  readonly at: number;
  readonly machineBusySeconds: number;
  readonly ownSeconds: number;
}

/** user + nice + system + irq + softirq + steal of the "cpu" line; idle and iowait are not busy. */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce<number>(
    (sum, value) => sum + (value ?? 0),
    0,
  );
  return busy / TICKS_PER_SECOND;
}

/**
 * This process with every process it started (the load generator, services run as children,
 * including those already ended), plus any named helper outside that tree, plus every
 * process whose command name is listed (a local database server the services use).
 */
function read(helperPids: readonly number[], ownNames: readonly string[]): Reading {
  const tree = processTree(process.pid);
  const helpers = helperPids
    .filter((pid) => !tree.has(pid))
    .reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const named = ownNames.reduce((sum, name) => sum + processesNamedCpuSeconds(name), 0);
  return {
    at: performance.now(),
    machineBusySeconds: machineBusySeconds(),
    ownSeconds: processTreeCpuSeconds(process.pid) + helpers + named,
  };
}

/** Above this share of the CPU taken by other processes, a run's numbers are suspect. */
export const BUSY_MACHINE_SHARE = 0.1;

export interface CpuContention {
  /** Share of the machine's CPU capacity that other processes used, from 0 to 1. */
  readonly othersShare: number;
  /** Share used by this process, its child processes and its helpers. */
  readonly ownShare: number;
}

/**
 * Starts watching; the returned function stops and reports. `helperPids` names child
 * processes that belong to the benchmark; `ownNames` command names of processes that do
 * (`postgres` when the services use a PostgreSQL server on this machine). Undefined where
 * /proc is not available.
 */
export function watchCpuContention(
  helperPids: () => readonly number[],
  ownNames: readonly string[] = [],
): () => CpuContention | undefined {
  let start: Reading;
  try {
    start = read(helperPids(), ownNames);
  } catch {
    return () => undefined;
  }
  return () => {
    const end = read(helperPids(), ownNames);
    const capacity = ((end.at - start.at) / 1000) * os.availableParallelism();
    const own = end.ownSeconds - start.ownSeconds;
    const others = end.machineBusySeconds - start.machineBusySeconds - own;
    return { othersShare: Math.max(0, others) / capacity, ownShare: own / capacity };
  };
}
