import { parseArgs } from 'node:util';

/** How long and how hard every benchmark of one run measures. */
export interface BenchOptions {
  /** A smoke run: short rounds whose numbers are not written to BENCHMARKS.md. */
  readonly quick: boolean;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
  /** Concurrent HTTP connections, and operations in flight for in-process async measurements. */
  readonly connections: number;
  /** Names of the benchmarks to run; all when empty. */
  readonly only: readonly string[];
  /**
   * A PostgreSQL server (any database on it) on which a database of the run's own is created
   * and dropped; without one the services use the embedded PGlite database.
   */
  readonly databaseServerUrl: string | undefined;
}

const FULL = { durationSeconds: 5, warmupSeconds: 2, rounds: 3, connections: 32 };
const QUICK = { durationSeconds: 1, warmupSeconds: 0.5, rounds: 1, connections: 32 };

export const USAGE = `Usage: npm run bench -- [options]

  --quick                 short smoke run; BENCHMARKS.md is left alone
  --duration <seconds>    length of one measurement (BENCH_DURATION, default 5)
  --warmup <seconds>      discarded run before the rounds (BENCH_WARMUP, default 2)
  --rounds <n>            alternating rounds per variant (BENCH_ROUNDS, default 3)
  --connections <n>       concurrent connections (BENCH_CONNECTIONS, default 32)
  --only <name>           run one benchmark; repeatable
  --database-server <url> PostgreSQL server to create a scratch database on
                          (BENCH_DATABASE_SERVER_URL; default: embedded PGlite)
`;

export class BenchOptionsError extends Error {
  override readonly name = 'BenchOptionsError';
}

function positiveNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new BenchOptionsError(`${name} must be a positive number, got "${text}".`);
  }
  return value;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  const value = positiveNumber(name, text, fallback);
  if (!Number.isInteger(value)) {
    throw new BenchOptionsError(`${name} must be a whole number, got "${text}".`);
  }
  return value;
}

/** Reads flags first, then BENCH_* variables, then the defaults of a full or a quick run. */
export function parseBenchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string', multiple: true },
      'database-server': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';

  const defaults = values.quick ? QUICK : FULL;
  const duration = values.duration ?? env.BENCH_DURATION;
  const warmup = values.warmup ?? env.BENCH_WARMUP;
  const rounds = values.rounds ?? env.BENCH_ROUNDS;
  const connections = values.connections ?? env.BENCH_CONNECTIONS;
  const databaseServerUrl = values['database-server'] ?? env.BENCH_DATABASE_SERVER_URL;

  return {
    quick: values.quick,
    durationSeconds: positiveNumber('--duration', duration, defaults.durationSeconds),
    warmupSeconds: positiveNumber('--warmup', warmup, defaults.warmupSeconds),
    rounds: positiveInteger('--rounds', rounds, defaults.rounds),
    connections: positiveInteger('--connections', connections, defaults.connections),
    only: values.only ?? [],
    databaseServerUrl: databaseServerUrl || undefined,
  };
}
