import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Benchmark } from './benchmark.js';
import type { MachineDescription } from './machine.js';
import { formatMarkdown, renderSection } from './markdown.js';
import type { ResultRecord } from './result-record.js';

export const BENCHMARKS_FILE = path.resolve(import.meta.dirname, '../../BENCHMARKS.md');

const INTRODUCTION = `# Benchmarks

Written by \`npm run bench\` from the newest full run of each benchmark (the JSON files in
\`bench/results/\`); edit the code in \`bench/\`, not this file. Every speed is reported as a
ratio against a baseline measured in the same run, because absolute numbers only hold on the
machine that produced them.

\`\`\`sh
npm run bench                          # every benchmark, 3 rounds of 5 s per variant
npm run bench -- --quick               # smoke run: 1 round of 1 s; leaves this file alone
npm run bench -- --only sign-in        # one benchmark (repeatable)
npm run bench -- --duration 10 --rounds 5 --connections 64
BENCH_DATABASE_SERVER_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench
\`\`\`

The flags have variables too: \`BENCH_DURATION\`, \`BENCH_WARMUP\`, \`BENCH_ROUNDS\`,
\`BENCH_CONNECTIONS\`.`;

const METHOD = `## How the numbers are taken

- The gateway and the three subgraphs run in the benchmark's process on loopback ports, with
  production settings (as behind a TLS-terminating proxy) and logging off, over a scratch
  database: embedded PGlite by default, or a database created on a PostgreSQL server and
  dropped afterwards.
- HTTP load comes from autocannon in a child process, so the load generator does not share
  the services' event loop, libuv thread pool or garbage collector; it still shares the
  cores. Every answer is checked: a non-2xx status or a GraphQL error counts as failed.
- Each variant runs once as a warm-up, then in rounds whose order flips every round (A B C,
  C B A, ...). Tables show the median of the rounds; ratios are the median of per-round
  ratios, so the two sides of a ratio always come from the same round.
- Each section says how much of the CPU other processes took while it ran (read from
  \`/proc\`). A run where they took more than 10 % is shown only until an undisturbed run of
  the same benchmark exists. With \`--database-server\` on this machine, PostgreSQL's processes
  work for the services, so they count as the benchmark's own.`;

const CAVEATS = `## Caveats

- Two cores carry the services, the database (PGlite runs inside the same event loop) and
  the load generator at once: the HTTP numbers are lower, and noisier, than on a machine
  where the load comes from elsewhere. Compare ratios, not absolute rates, across machines.
- Loopback without TLS: a deployment adds the proxy's TLS and a network round trip to every
  request, which makes the relative cost of authentication smaller than shown here.
- autocannon records latency in whole milliseconds, so small p50 values are coarse.
- Runs are short (15 s per variant by default); a variance of a few per cent between runs is
  normal. Raise \`--rounds\` and \`--duration\` before drawing conclusions from small
  differences.`;

function renderMachine(machine: MachineDescription): string {
  return [
    '## Machine of the latest run',
    [
      `- CPU: ${machine.cpuModel}, ${machine.logicalCores} logical cores`,
      `- Memory: ${machine.memoryGiB} GiB`,
      `- Node.js ${machine.node} on ${machine.os}`,
      `- libuv thread pool: ${machine.uvThreadpoolSize} threads (Argon2 and WebCrypto run there)`,
    ].join('\n'),
  ].join('\n\n');
}

/** How a section is told apart when a benchmark was run on both kinds of database. */
const DATABASE_NAMES: Readonly<Record<string, string>> = {
  pglite: ', embedded PGlite',
  postgres: ', PostgreSQL server',
};

/**
 * Rewrites BENCHMARKS.md with the newest full record of every benchmark on each database it
 * was run on, in the registry's order; a benchmark never run in full yet is listed as such.
 */
export async function writeBenchmarksFile(
  benchmarks: readonly Benchmark[],
  records: ReadonlyMap<string, readonly ResultRecord[]>,
): Promise<void> {
  const available = benchmarks.flatMap((benchmark) => records.get(benchmark.name) ?? []);
  const newest = [...available].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  const sections = benchmarks.flatMap((benchmark) => {
    const runs = records.get(benchmark.name) ?? [];
    if (runs.length === 0) {
      return [`## ${benchmark.title} (\`${benchmark.name}\`)\n\nNot measured in a full run yet.`];
    }
    return runs.map((record) =>
      renderSection(record, '##', runs.length > 1 ? DATABASE_NAMES[record.settings.database] : ''),
    );
  });

  const text = [
    INTRODUCTION,
    ...(newest ? [renderMachine(newest.machine)] : []),
    METHOD,
    ...sections,
    CAVEATS,
  ].join('\n\n');
  await writeFile(BENCHMARKS_FILE, await formatMarkdown(text, BENCHMARKS_FILE));
}
