import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseKind } from '../../platform/db/database.js';
import type { BenchmarkFindings } from './benchmark.js';
import { BUSY_MACHINE_SHARE, type CpuContention } from './cpu-contention.js';
import type { MachineDescription } from './machine.js';

/** One benchmark's results from one run, as stored in bench/results. */
export interface ResultRecord {
  readonly benchmark: string;
  readonly title: string;
  readonly description: string;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineDescription;
  /** CPU taken by other processes meanwhile; null where it cannot be read. */
  readonly cpu: CpuContention | null;
  readonly settings: {
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    readonly rounds: number;
    readonly connections: number;
    readonly database: DatabaseKind;
  };
  readonly findings: BenchmarkFindings;
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results');

/** Quick runs go to a folder of their own, ignored by git and by BENCHMARKS.md. */
const QUICK_DIR = path.join(RESULTS_DIR, 'quick');

/** Writes `<benchmark>-<timestamp>.json` and returns its path. */
export async function writeResultRecord(record: ResultRecord): Promise<string> {
  const directory = record.quick ? QUICK_DIR : RESULTS_DIR;
  await mkdir(directory, { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  const file = path.join(directory, `${record.benchmark}-${stamp}.json`);
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** Just enough of a check that a file from an older layout is skipped, not misread. */
function isResultRecord(value: unknown): value is ResultRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof ResultRecord, unknown>>;
  return (
    typeof record.benchmark === 'string' &&
    typeof record.startedAt === 'string' &&
    record.quick === false &&
    typeof record.machine === 'object' &&
    typeof record.cpu === 'object' &&
    typeof record.settings === 'object' &&
    typeof record.findings === 'object' &&
    Array.isArray((record.findings as { tables?: unknown } | null)?.tables)
  );
}

/** Whether the machine was quiet enough during the run for its numbers to stand. */
export function measuredUndisturbed(record: ResultRecord): boolean {
  return record.cpu === null || record.cpu.othersShare <= BUSY_MACHINE_SHARE;
}

/** Undisturbed before disturbed, then newer before older. */
function preferred(candidate: ResultRecord, known: ResultRecord | undefined): boolean {
  if (!known) return true;
  const candidateQuiet = measuredUndisturbed(candidate);
  if (candidateQuiet !== measuredUndisturbed(known)) return candidateQuiet;
  return candidate.startedAt > known.startedAt;
}

/**
 * The newest full-length record of each benchmark on each kind of database (the embedded
 * one first), passing over runs that other processes disturbed as long as an undisturbed one
 * exists.
 */
export async function latestFullRecords(): Promise<Map<string, ResultRecord[]>> {
  const latest = new Map<string, ResultRecord>();
  const names = await readdir(RESULTS_DIR).catch(() => []);
  for (const name of names.filter((file) => file.endsWith('.json'))) {
    const parsed: unknown = JSON.parse(await readFile(path.join(RESULTS_DIR, name), 'utf8'));
    if (!isResultRecord(parsed)) continue;
    const key = `${parsed.benchmark} ${parsed.settings.database}`;
    if (preferred(parsed, latest.get(key))) latest.set(key, parsed);
  }

  const byBenchmark = new Map<string, ResultRecord[]>();
  const embeddedFirst = (record: ResultRecord) => (record.settings.database === 'pglite' ? 0 : 1);
  for (const record of [...latest.values()].sort((a, b) => embeddedFirst(a) - embeddedFirst(b))) {
    byBenchmark.set(record.benchmark, [...(byBenchmark.get(record.benchmark) ?? []), record]);
  }
  return byBenchmark;
}
