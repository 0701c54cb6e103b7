import type { Benchmark, BenchmarkFindings } from '../lib/benchmark.js';
import { seedAccounts, signInThroughGateway } from '../lib/accounts.js';
import { decimal, milliseconds, perSecond, times } from '../lib/format.js';
import { callGraphql } from '../lib/graphql-call.js';
import type { LoadSample } from '../lib/load-spec.js';
import { alternateRounds } from '../lib/rounds.js';
import { median, medianRatio } from '../lib/statistics.js';

/** Public and served by identity alone, so the only difference a token makes is checking it. */
const PUBLIC_QUERY = '{ signInOptions(email: "a@example.com") { email } }';
const ME_QUERY = '{ me { id } }';

type Variant = 'anonymous' | 'authenticated' | 'me';

const LABELS: Readonly<Record<Variant, string>> = {
  anonymous: 'A: `signInOptions`, no token (baseline)',
  authenticated: 'B: `signInOptions`, valid token',
  me: 'C: `me { id }`, valid token (for information)',
};

function findings(samples: Record<Variant, LoadSample[]>): BenchmarkFindings {
  const rates = (variant: Variant) => samples[variant].map((sample) => sample.perSecond);
  const middle = (variant: Variant, pick: (sample: LoadSample) => number) =>
    median(samples[variant].map(pick));
  const rate = (variant: Variant) => middle(variant, (sample) => sample.perSecond);
  const failures = (variant: Variant) =>
    samples[variant].reduce((sum, sample) => sum + sample.failures, 0);
  const variants = Object.keys(LABELS) as Variant[];

  const throughputRatio = medianRatio(rates('authenticated'), rates('anonymous'));
  const p50Ratio = medianRatio(
    samples.authenticated.map((sample) => sample.p50LatencyMs),
    samples.anonymous.map((sample) => sample.p50LatencyMs),
  );
  const addedMicroseconds = 1e6 / rate('authenticated') - 1e6 / rate('anonymous');

  return {
    tables: [
      {
        caption: 'Through the gateway (median of rounds)',
        header: ['query', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'req/s vs A'],
        rows: variants.map((variant) => [
          LABELS[variant],
          perSecond(rate(variant)),
          milliseconds(middle(variant, (sample) => sample.p50LatencyMs)),
          milliseconds(middle(variant, (sample) => sample.p99LatencyMs)),
          String(failures(variant)),
          variant === 'anonymous' ? '1×' : times(medianRatio(rates(variant), rates('anonymous'))),
        ]),
      },
      {
        caption: 'Cost of authentication (B against A)',
        header: ['ratio', 'value'],
        rows: [
          ['throughput B ÷ A', times(throughputRatio)],
          ['p50 latency B ÷ A', times(p50Ratio)],
          ['machine time added per request (µs)', decimal(addedMicroseconds)],
        ],
      },
    ],
    notes: [
      'A and B send the same operation to the same subgraph; B adds a Bearer token, which the ' +
        'gateway forwards and the identity subgraph verifies and checks against the ' +
        'revocation set.',
      'Machine time per request is 1 ÷ throughput with every core busy; the difference between ' +
        'B and A is what verifying one token costs inside the whole request.',
      'C also loads the user from the database, so it is not a measure of authentication.',
      'B sends one token with every request, as a signed-in client does for the 15 minutes it ' +
        'lives: identity checks its ES256 signature on the first request and remembers it, so ' +
        'B shows what every later request pays (lifetime, claims and the revocation set are ' +
        'still checked each time). The full check of a first request is measured in ' +
        '`token-verification`.',
    ],
    metrics: {
      anonymousPerSecond: rate('anonymous'),
      authenticatedPerSecond: rate('authenticated'),
      mePerSecond: rate('me'),
      throughputRatio,
      p50Ratio,
      addedMicroseconds,
    },
    samples,
  };
}

export const authCost: Benchmark = {
  name: 'auth-cost',
  title: 'Cost of authentication on a trivial query',
  description:
    'A public query through the gateway to the identity subgraph, sent without a token (A, ' +
    'the baseline) and with a valid one (B), alternating in the same run; the ratio B ÷ A is ' +
    'what verifying the token and checking its session costs a request.',
  async run(context) {
    const { options } = context;
    const system = await context.system();
    const load = await context.loadGenerator();

    const accounts = await seedAccounts(system.prisma, { count: 1, prefix: 'auth-cost' });
    const token = await signInThroughGateway(system, accounts.emails[0] ?? '', accounts.password);
    const withToken = { ...system.clientHeaders, authorization: `Bearer ${token}` };
    const requests: Readonly<Record<Variant, { query: string; headers: Record<string, string> }>> =
      {
        anonymous: { query: PUBLIC_QUERY, headers: { ...system.clientHeaders } },
        authenticated: { query: PUBLIC_QUERY, headers: withToken },
        me: { query: ME_QUERY, headers: withToken },
      };

    // A request that fails would measure an error path; each must succeed once before timing.
    for (const request of Object.values(requests)) {
      await callGraphql({ url: system.gatewayUrl, ...request });
    }

    const measure = (variant: Variant) => (seconds: number) =>
      load.run({
        url: system.gatewayUrl,
        connections: options.connections,
        seconds,
        headers: requests[variant].headers,
        bodies: [JSON.stringify({ query: requests[variant].query })],
      });

    const samples = await alternateRounds<Variant, LoadSample>({
      variants: {
        anonymous: measure('anonymous'),
        authenticated: measure('authenticated'),
        me: measure('me'),
      },
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      onProgress: context.progress,
    });
    return findings(samples);
  },
};
