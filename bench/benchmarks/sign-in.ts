import { verifyPassword } from '../../subgraphs/identity/passwords/password-hasher.js';
import { seedAccounts, signInBody, signInThroughGateway } from '../lib/accounts.js';
import type { Benchmark, BenchmarkFindings } from '../lib/benchmark.js';
import { decimal, milliseconds, percent, perSecond } from '../lib/format.js';
import { measureAsyncRate, type RateSample } from '../lib/in-process-rate.js';
import type { LoadSample } from '../lib/load-spec.js';
import { alternateRounds } from '../lib/rounds.js';
import { median, medianRatio } from '../lib/statistics.js';

type Variant = 'signIn' | 'hash' | 'signInAlone' | 'hashAlone';

/** Over HTTP or in process; only HTTP samples carry percentiles and failures. */
type Sample = RateSample | LoadSample;

/**
 * Accounts per connection. Sign-in attempts on one account run one at a time, so concurrent
 * requests must name different accounts or the benchmark would measure that queue.
 */
const ACCOUNTS_PER_CONNECTION = 4;

function labels(connections: number): Readonly<Record<Variant, string>> {
  return {
    signIn: `\`signIn\` through the gateway, ${connections} connections`,
    hash: `\`verifyPassword\` in process, ${connections} in flight (baseline)`,
    signInAlone: '`signIn` through the gateway, 1 connection',
    hashAlone: '`verifyPassword` in process, 1 at a time',
  };
}

function findings(samples: Record<Variant, Sample[]>, connections: number): BenchmarkFindings {
  const values = (variant: Variant, pick: (sample: Sample) => number) => samples[variant].map(pick);
  const middle = (variant: Variant, pick: (sample: Sample) => number) =>
    median(values(variant, pick));
  const rates = (variant: Variant) => values(variant, (sample) => sample.perSecond);
  const latencies = (variant: Variant) => values(variant, (sample) => sample.meanLatencyMs);
  const percentile = (variant: Variant, key: 'p50LatencyMs' | 'p99LatencyMs') => {
    const sample = samples[variant][0];
    if (!sample || !(key in sample)) return '–';
    return milliseconds(middle(variant, (each) => (each as LoadSample)[key]));
  };
  const failures = (variant: Variant) =>
    samples[variant].reduce((sum, sample) => sum + ('failures' in sample ? sample.failures : 0), 0);

  // With every core busy, 1 ÷ throughput is the machine time one operation takes, so the
  // throughput ratio is also the share of a sign-in's machine time that hashing takes.
  const throughputRatio = medianRatio(rates('signIn'), rates('hash'));
  const latencyShare = medianRatio(latencies('hashAlone'), latencies('signInAlone'));
  const text = labels(connections);
  const variants = Object.keys(text) as Variant[];

  return {
    tables: [
      {
        caption: 'Sign-ins and password verifications per second (median of rounds)',
        header: ['variant', 'per second', 'mean ms', 'p50 ms', 'p99 ms', 'failed'],
        rows: variants.map((variant) => [
          text[variant],
          perSecond(middle(variant, (sample) => sample.perSecond)),
          milliseconds(middle(variant, (sample) => sample.meanLatencyMs)),
          percentile(variant, 'p50LatencyMs'),
          percentile(variant, 'p99LatencyMs'),
          variant.startsWith('hash') ? '–' : String(failures(variant)),
        ]),
      },
      {
        caption: 'How much of a sign-in is hashing',
        header: ['ratio', 'value'],
        rows: [
          ['sign-in throughput ÷ `verifyPassword` throughput', decimal(throughputRatio)],
          ['share of sign-in machine time spent hashing, loaded', percent(throughputRatio)],
          ['share of one sign-in’s latency spent hashing, unloaded', percent(latencyShare)],
        ],
      },
    ],
    notes: [
      'Every sign-in succeeds: requests rotate over ' +
        `${connections * ACCOUNTS_PER_CONNECTION} accounts, so the per-account throttle (which ` +
        'counts failures) never triggers and no two concurrent attempts share an account.',
      'Argon2id runs on libuv’s thread pool, so both the loaded sign-ins and the loaded ' +
        'hashing are bounded by the cores; the rest of a sign-in is the database work (user ' +
        'lookup, session and refresh token), signing the access token, and GraphQL over HTTP twice.',
      'The load generator shares the machine’s cores with the services, which lowers every ' +
        'HTTP rate a little against the in-process baseline.',
    ],
    metrics: {
      signInPerSecond: median(rates('signIn')),
      verifyPasswordPerSecond: median(rates('hash')),
      signInAlonePerSecond: median(rates('signInAlone')),
      verifyPasswordAloneMs: median(latencies('hashAlone')),
      signInAloneMeanMs: median(latencies('signInAlone')),
      throughputRatio,
      latencyShare,
    },
    samples,
  };
}

export const signIn: Benchmark = {
  name: 'sign-in',
  title: 'Sign-in',
  description:
    'Password sign-ins per second through the gateway, against the baseline of Argon2id ' +
    'verification alone (`verifyPassword` in process, with as many in flight as there are ' +
    'connections), and the share of a sign-in that hashing takes, under load and for a ' +
    'single request.',
  async run(context) {
    const { options } = context;
    const system = await context.system();
    const load = await context.loadGenerator();

    const accounts = await seedAccounts(system.prisma, {
      count: options.connections * ACCOUNTS_PER_CONNECTION,
      prefix: 'sign-in',
    });
    const bodies = accounts.emails.map((email) => signInBody(email, accounts.password));
    // A request that fails would measure the error path instead; one must succeed first.
    await signInThroughGateway(system, accounts.emails[0] ?? '', accounts.password);

    const overHttp = (connections: number) => (seconds: number) =>
      load.run({
        url: system.gatewayUrl,
        connections,
        seconds,
        headers: system.clientHeaders,
        bodies,
      });
    const inProcess = (concurrency: number) => (seconds: number) =>
      measureAsyncRate(
        async () => {
          const check = await verifyPassword(accounts.passwordHash, accounts.password);
          if (!check.valid) throw new Error('The password did not verify.');
        },
        { seconds, concurrency },
      );

    const samples = await alternateRounds<Variant, Sample>({
      variants: {
        signIn: overHttp(options.connections),
        hash: inProcess(options.connections),
        signInAlone: overHttp(1),
        hashAlone: inProcess(1),
      },
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      onProgress: context.progress,
    });
    return findings(samples, options.connections);
  },
};
