import path from 'node:path';
import { BENCHMARKS } from './benchmarks/registry.js';
import type { Benchmark, BenchContext } from './lib/benchmark.js';
import { startBenchSystem, type BenchSystem } from './lib/bench-system.js';
import { writeBenchmarksFile, BENCHMARKS_FILE } from './lib/benchmarks-file.js';
import { LoadGenerator } from './lib/load-generator.js';
import {
  BUSY_MACHINE_SHARE,
  watchCpuContention,
  type CpuContention,
} from './lib/cpu-contention.js';
import { percent } from './lib/format.js';
import { ownDatabaseProcessNames } from './lib/local-database-server.js';
import { describeMachine, machineSummary } from './lib/machine.js';
import { formatMarkdown, renderSection } from './lib/markdown.js';
import { BenchOptionsError, parseBenchOptions, USAGE, type BenchOptions } from './lib/options.js';
import { latestFullRecords, writeResultRecord, type ResultRecord } from './lib/result-record.js';

/** `npm run bench`: runs the selected benchmarks, stores their results and prints them. */

function selectBenchmarks(only: readonly string[]): readonly Benchmark[] {
  if (only.length === 0) return BENCHMARKS;
  const known = new Set(BENCHMARKS.map((benchmark) => benchmark.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BenchOptionsError(
      `Unknown benchmark "${unknown.join('", "')}"; choose from ${[...known].join(', ')}.`,
    );
  }
  return BENCHMARKS.filter((benchmark) => only.includes(benchmark.name));
}

/** Starts the system and the load generator on first use, once, for all benchmarks. */
function createContext(options: BenchOptions) {
  let system: Promise<BenchSystem> | undefined;
  let load: Promise<LoadGenerator> | undefined;
  let current = '';
  let loadPid: number | undefined;

  const context: BenchContext & { benchmark(name: string): void } = {
    options,
    system: () => (system ??= startBenchSystem(options)),
    loadGenerator: () =>
      (load ??= LoadGenerator.start().then((generator) => {
        loadPid = generator.pid;
        return generator;
      })),
    progress: (message) => console.error(`  ${current}: ${message}`),
    benchmark: (name) => {
      current = name;
    },
  };
  const close = async () => {
    await (await load?.catch(() => undefined))?.close();
    await (await system?.catch(() => undefined))?.stop();
  };
  const helperPids = () => (loadPid === undefined ? [] : [loadPid]);
  return { context, close, helperPids };
}

function warnIfBusy(cpu: CpuContention | undefined): void {
  if (!cpu || cpu.othersShare <= BUSY_MACHINE_SHARE) return;
  console.error(
    `  warning: other processes used ${percent(cpu.othersShare)} of the CPU during this ` +
      'benchmark; its numbers understate the code. Rerun on a quiet machine.',
  );
}

async function runAll(options: BenchOptions): Promise<void> {
  const selected = selectBenchmarks(options.only);
  const machine = describeMachine();
  console.error(`Benchmarking on ${machineSummary(machine)}${options.quick ? ' (quick)' : ''}`);

  const { context, close, helperPids } = createContext(options);
  const interrupted = () => {
    close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);

  try {
    for (const benchmark of selected) {
      context.benchmark(benchmark.name);
      const startedAt = new Date().toISOString();
      const stopWatching = watchCpuContention(
        helperPids,
        ownDatabaseProcessNames(options.databaseServerUrl),
      );
      const findings = await benchmark.run(context);
      const cpu = stopWatching();
      warnIfBusy(cpu);
      const record: ResultRecord = {
        benchmark: benchmark.name,
        title: benchmark.title,
        description: benchmark.description,
        quick: options.quick,
        startedAt,
        finishedAt: new Date().toISOString(),
        machine,
        cpu: cpu ?? null,
        settings: {
          durationSeconds: options.durationSeconds,
          warmupSeconds: options.warmupSeconds,
          rounds: options.rounds,
          connections: options.connections,
          database: options.databaseServerUrl ? 'postgres' : 'pglite',
        },
        findings,
      };
      const file = await writeResultRecord(record);
      console.log(`\n${await formatMarkdown(renderSection(record), 'result.md')}`);
      console.error(`  results: ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    process.off('SIGINT', interrupted);
    await close();
  }

  // Smoke runs measure too briefly to stand for the project's speed.
  if (!options.quick) {
    await writeBenchmarksFile(BENCHMARKS, await latestFullRecords());
    console.error(`Updated ${path.relative(process.cwd(), BENCHMARKS_FILE)}`);
  }
}

try {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    console.log(USAGE);
  } else {
    await runAll(options);
  }
} catch (error) {
  // parseArgs reports unknown or malformed flags as TypeErrors with an ERR_PARSE_ARGS_ code.
  const code = String((error as NodeJS.ErrnoException | null)?.code);
  if (error instanceof BenchOptionsError || code.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
