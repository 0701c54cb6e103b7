import { isDeepStrictEqual } from 'node:util';
import { PROXIED_CLIENT_HEADERS } from '../lib/bench-system.js';
import type { Benchmark, BenchmarkFindings, ResultTable } from '../lib/benchmark.js';
import { decimal, milliseconds, perSecond, times } from '../lib/format.js';
import { callGraphql } from '../lib/graphql-call.js';
import type { LoadSample } from '../lib/load-spec.js';
import { peakResidentBytes, processCpuSeconds } from '../lib/process-stats.js';
import { alternateRounds, type Measure } from '../lib/rounds.js';
import {
  startPathProcesses,
  stopPathProcesses,
  subgraphsCpuSeconds,
  type PathProcesses,
  type PathServer,
} from '../lib/gateway-path-processes.js';
import { ownDatabaseProcessNames } from '../lib/local-database-server.js';
import type { ServiceProcess } from '../lib/service-process.js';
import { median, medianRatio } from '../lib/statistics.js';

/** Identity answers `me`; the memberships and their organizations take an entity hop. */
const GATEWAY_QUERY = '{ me { id email memberships { role organization { name } } } }';
/** What identity alone can answer: memberships need the gateway. */
const SUBGRAPH_QUERY = '{ me { id email } }';

/** Fixed by the issue that asked for this benchmark; `--connections` does not apply. */
const CONNECTION_LEVELS = [32, 128] as const;

/**
 * Signed-in users whose tokens the requests take in turn. Hive Gateway merges identical
 * subgraph queries in flight (same body and headers) into one; with one user for all
 * connections that would answer most requests from another's subgraph call and measure the
 * merging, not the gateway. With this many, two requests of one user are never in flight
 * together, as with real clients.
 */
const ACCOUNTS = 512;

type Target = 'ceiling' | 'identity' | 'apollo' | 'hive' | 'ours';
const TARGETS: readonly Target[] = ['ceiling', 'identity', 'apollo', 'hive', 'ours'];
const GATEWAYS: readonly PathServer[] = ['apollo', 'hive', 'ours'];

const LABELS: Readonly<Record<Target, string>> = {
  ceiling: 'bare `node:http`, fixed body (ceiling)',
  identity: 'identity subgraph directly (`me { id email }`)',
  apollo: '`@apollo/gateway` as it comes',
  hive: 'Hive Gateway',
  ours: 'our gateway',
};

/** A load sample plus the CPU the measured server and the subgraphs spent per request. */
interface PathSample extends LoadSample {
  readonly serverCpuMicroseconds: number;
  readonly subgraphsCpuMicroseconds: number;
}

type Variant = `${Target}@${number}`;
const variantOf = (target: Target, connections: number): Variant => `${target}@${connections}`;

/** The process whose cost a target measures: identity's is the first subgraph process. */
function processOf(processes: PathProcesses, target: Target): ServiceProcess {
  return target === 'identity' ? processes.subgraphs[0] : processes.servers[target];
}

/** Peak resident memory of each process, read once the rounds are over. */
interface PeakMemory {
  readonly servers: Readonly<Record<PathServer, number>>;
  readonly subgraphs: readonly { readonly label: string; readonly bytes: number }[];
}

/**
 * Every gateway must give the same answer, with memberships, before anything is timed: a
 * request that fails would measure an error path.
 */
async function checkAnswers(
  processes: PathProcesses,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  const direct = await callGraphql({
    url: processes.subgraphs[0].url,
    query: SUBGRAPH_QUERY,
    headers,
  });
  const me = direct.me as { id?: unknown } | null;
  if (typeof me?.id !== 'string') throw new TypeError('identity did not answer `me`.');

  const answers = await Promise.all(
    GATEWAYS.map((target) =>
      callGraphql({ url: processes.servers[target].url, query: GATEWAY_QUERY, headers }),
    ),
  );
  const [reference] = answers;
  const memberships = (reference?.me as { memberships?: unknown } | null)?.memberships;
  if (!Array.isArray(memberships) || memberships.length === 0) {
    throw new TypeError('The gateway answered `me` without memberships.');
  }
  GATEWAYS.forEach((target, index) => {
    if (!isDeepStrictEqual(answers[index], reference)) {
      throw new TypeError(`${LABELS[target]} answered differently from ${LABELS.apollo}.`);
    }
  });
  await callGraphql({ url: processes.servers.ceiling.url, query: GATEWAY_QUERY, headers });
}

function findings(
  samples: Record<Variant, PathSample[]>,
  peaks: PeakMemory,
  split: boolean,
): BenchmarkFindings {
  const of = (target: Target, connections: number) => samples[variantOf(target, connections)] ?? [];
  const middle = (target: Target, connections: number, pick: (sample: PathSample) => number) =>
    median(of(target, connections).map(pick));
  const ratio = (
    target: Target,
    baseline: Target,
    connections: number,
    pick: (sample: PathSample) => number,
  ) => medianRatio(of(target, connections).map(pick), of(baseline, connections).map(pick));
  const rate = (sample: PathSample) => sample.perSecond;
  const p99 = (sample: PathSample) => sample.p99LatencyMs;
  const failures = (target: Target, connections: number) =>
    of(target, connections).reduce((sum, sample) => sum + sample.failures, 0);

  const levelTable = (connections: number): ResultTable => ({
    caption: `${connections} connections (median of rounds)`,
    header: ['server', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'req/s ÷ Hive', 'req/s ÷ ceiling'],
    rows: TARGETS.map((target) => [
      LABELS[target],
      perSecond(middle(target, connections, rate)),
      milliseconds(middle(target, connections, (sample) => sample.p50LatencyMs)),
      milliseconds(middle(target, connections, p99)),
      String(failures(target, connections)),
      times(ratio(target, 'hive', connections, rate)),
      times(ratio(target, 'ceiling', connections, rate)),
    ]),
  });

  const mebibytes = (bytes: number) => decimal(bytes / 2 ** 20);
  const cpuCells = (target: Target, pick: (sample: PathSample) => number) =>
    CONNECTION_LEVELS.map((connections) => decimal(middle(target, connections, pick)));
  const costTable: ResultTable = {
    caption: 'Cost per process: peak resident memory over the run, CPU per request',
    header: [
      'process',
      'peak MiB',
      ...CONNECTION_LEVELS.map((level) => `own CPU µs/req @${level}`),
      ...CONNECTION_LEVELS.map((level) => `subgraphs CPU µs/req @${level}`),
    ],
    rows: [
      ...TARGETS.filter((target) => target !== 'identity').map((target) => [
        LABELS[target],
        mebibytes(peaks.servers[target as PathServer]),
        ...cpuCells(target, (sample) => sample.serverCpuMicroseconds),
        ...((GATEWAYS as readonly Target[]).includes(target)
          ? cpuCells(target, (sample) => sample.subgraphsCpuMicroseconds)
          : CONNECTION_LEVELS.map(() => '–')),
      ]),
      ...peaks.subgraphs.map((subgraph, index) => [
        split
          ? `${subgraph.label} subgraph${index === 0 ? ' (row: identity directly)' : ''}`
          : 'the three subgraphs (one process; row: identity directly)',
        mebibytes(subgraph.bytes),
        ...(index === 0
          ? cpuCells('identity', (sample) => sample.serverCpuMicroseconds)
          : CONNECTION_LEVELS.map(() => '–')),
        ...CONNECTION_LEVELS.map(() => '–'),
      ]),
    ],
  };

  const summary: ResultTable = {
    caption: 'Our gateway against the others (target: ≥ 1× Hive throughput, ≤ 1× Hive p99)',
    header: ['ratio', ...CONNECTION_LEVELS.map((level) => `${level} connections`)],
    rows: [
      [
        'throughput ours ÷ Hive',
        ...CONNECTION_LEVELS.map((c) => times(ratio('ours', 'hive', c, rate))),
      ],
      ['p99 ours ÷ Hive', ...CONNECTION_LEVELS.map((c) => times(ratio('ours', 'hive', c, p99)))],
      [
        'throughput ours ÷ `@apollo/gateway`',
        ...CONNECTION_LEVELS.map((c) => times(ratio('ours', 'apollo', c, rate))),
      ],
      [
        'throughput ours ÷ ceiling',
        ...CONNECTION_LEVELS.map((c) => times(ratio('ours', 'ceiling', c, rate))),
      ],
      [
        'throughput Hive ÷ ceiling',
        ...CONNECTION_LEVELS.map((c) => times(ratio('hive', 'ceiling', c, rate))),
      ],
    ],
  };

  const metrics: Record<string, number> = {};
  for (const connections of CONNECTION_LEVELS) {
    for (const target of TARGETS) {
      const key = `${target}${connections}`;
      metrics[`${key}PerSecond`] = middle(target, connections, rate);
      metrics[`${key}P50Ms`] = middle(target, connections, (sample) => sample.p50LatencyMs);
      metrics[`${key}P99Ms`] = middle(target, connections, p99);
      metrics[`${key}Failures`] = failures(target, connections);
      metrics[`${key}CpuMicroseconds`] = middle(
        target,
        connections,
        (sample) => sample.serverCpuMicroseconds,
      );
    }
    metrics[`oursToHive${connections}`] = ratio('ours', 'hive', connections, rate);
    metrics[`oursToHiveP99${connections}`] = ratio('ours', 'hive', connections, p99);
    metrics[`oursToApollo${connections}`] = ratio('ours', 'apollo', connections, rate);
    metrics[`oursToCeiling${connections}`] = ratio('ours', 'ceiling', connections, rate);
  }
  for (const [name, bytes] of Object.entries(peaks.servers)) metrics[`${name}PeakBytes`] = bytes;
  for (const subgraph of peaks.subgraphs) {
    metrics[`${subgraph.label.replace(/\W+/g, '')}PeakBytes`] = subgraph.bytes;
  }

  return {
    tables: [...CONNECTION_LEVELS.map(levelTable), summary, costTable],
    notes: [
      `Gateways answer \`${GATEWAY_QUERY}\` for ${ACCOUNTS} signed-in users in turn: ` +
        'identity, then an entity ' +
        'fetch to organization for the memberships and their organizations; the identity row ' +
        `asks identity alone for \`${SUBGRAPH_QUERY}\`, so it does less than a gateway.`,
      'Each server runs in a process of its own. On the embedded database the three ' +
        'subgraphs share one further process, which holds PGlite; with --database-server ' +
        'each subgraph has a process of its own, and subgraph CPU includes the PostgreSQL ' +
        'server’s when it runs on this machine. Every gateway uses the same subgraphs, and ' +
        'all of them share the two cores with the load generator.',
      '`@apollo/gateway` runs with its default data source and standalone server, forwarding ' +
        'the Authorization header; Hive Gateway with bench/hive/gateway.config.ts, forwarding ' +
        'Authorization and X-Forwarded-For; ours as shipped: production settings behind a ' +
        'trusted TLS proxy, limits, masking and one info log line per request (to /dev/null).',
      'Hive Gateway merges identical subgraph queries in flight by default; with every ' +
        'request carrying the same token that merging would stand in for gateway work, which ' +
        'is why the users take turns.',
      'CPU µs per request is the process’s user and system time during a measurement divided ' +
        'by the requests it answered: what the server costs, whatever the contention.',
      'Our processes run through the tsx loader, whose thread adds to their memory; the ' +
        'ceiling’s peak shows that floor. Hive Gateway runs on plain Node.',
    ],
    metrics,
    samples,
  };
}

export const gatewayPath: Benchmark = {
  name: 'gateway-path',
  title: 'Gateway path: our gateway against Hive Gateway, `@apollo/gateway` and the ceiling',
  description:
    'An authenticated operation that needs identity and an entity hop to organization, at 32 ' +
    'and 128 connections, alternating in the same run between a bare HTTP server (the ' +
    'ceiling), the identity subgraph queried directly, `@apollo/gateway` as it comes, Hive ' +
    'Gateway and our gateway, each in a process of its own over the same subgraphs. The ' +
    'target is that ours at least matches Hive Gateway in throughput and p99 latency.',
  async run(context) {
    const { options } = context;
    context.progress('starting the subgraphs and the servers');
    const processes = await startPathProcesses({
      databaseServerUrl: options.databaseServerUrl,
      accounts: ACCOUNTS,
      databaseProcessNames: ownDatabaseProcessNames(options.databaseServerUrl),
    });
    try {
      const load = await context.loadGenerator();
      const headerSets = processes.accessTokens.map((token) => ({
        authorization: `Bearer ${token}`,
      }));
      await checkAnswers(processes, { ...PROXIED_CLIENT_HEADERS, ...headerSets[0] });

      const measure =
        (target: Target, connections: number): Measure<PathSample> =>
        async (seconds) => {
          const server = processOf(processes, target);
          const before = [processCpuSeconds(server.pid), subgraphsCpuSeconds(processes)];
          const sample = await load.run({
            url: server.url,
            connections,
            seconds,
            headers: PROXIED_CLIENT_HEADERS,
            headerSets,
            bodies: [
              JSON.stringify({ query: target === 'identity' ? SUBGRAPH_QUERY : GATEWAY_QUERY }),
            ],
          });
          const after = [processCpuSeconds(server.pid), subgraphsCpuSeconds(processes)];
          const perRequest = (index: number) =>
            (((after[index] ?? 0) - (before[index] ?? 0)) * 1e6) / Math.max(sample.count, 1);
          return {
            ...sample,
            serverCpuMicroseconds: perRequest(0),
            subgraphsCpuMicroseconds: perRequest(1),
          };
        };

      const variants = {} as Record<Variant, Measure<PathSample>>;
      for (const connections of CONNECTION_LEVELS) {
        for (const target of TARGETS) {
          variants[variantOf(target, connections)] = measure(target, connections);
        }
      }
      const samples = await alternateRounds<Variant, PathSample>({
        variants,
        rounds: options.rounds,
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        onProgress: context.progress,
      });

      const peak = (server: PathServer) => peakResidentBytes(processes.servers[server].pid);
      const peaks: PeakMemory = {
        servers: {
          ceiling: peak('ceiling'),
          apollo: peak('apollo'),
          hive: peak('hive'),
          ours: peak('ours'),
        },
        subgraphs: processes.subgraphs.map((subgraph) => ({
          label: subgraph.label,
          bytes: peakResidentBytes(subgraph.pid),
        })),
      };
      return findings(samples, peaks, processes.subgraphs.length > 1);
    } finally {
      await stopPathProcesses(processes);
    }
  },
};
