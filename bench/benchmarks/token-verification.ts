import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  issueAccessToken,
  verifyAccessToken,
  type VerifyAccessTokenOptions,
} from '../../platform/auth/access-token.js';
import { authenticate } from '../../platform/auth/authenticate.js';
import { KeyRing } from '../../platform/auth/key-ring.js';
import { SessionRevocations } from '../../platform/auth/session-revocations.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { openDatabase } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logging/logger.js';
import type { Benchmark, BenchContext, BenchmarkFindings } from '../lib/benchmark.js';
import { decimal, perSecond, times } from '../lib/format.js';
import { measureAsyncRate, measureSyncRate, type RateSample } from '../lib/in-process-rate.js';
import { alternateRounds } from '../lib/rounds.js';
import { median, medianRatio } from '../lib/statistics.js';

const AUDIENCE = { issuer: 'http://localhost:4000', audience: 'federated-identity-api' };

/** Sessions ended recently, so the revocation lookup searches a set of realistic size. */
const REVOKED_SESSIONS = 10_000;

/** The pieces of a real access token that each variant works on. */
interface Fixture {
  readonly token: string;
  readonly payloadJson: string;
  readonly signingInput: string;
  readonly hmacKey: Buffer;
  readonly hmac: Buffer;
}

async function issueFixture(keys: KeyRing): Promise<Fixture> {
  const { token } = await issueAccessToken({
    keys,
    ...AUDIENCE,
    userId: randomUUID(),
    sessionId: randomUUID(),
    email: 'someone@bench.example.com',
    emailVerified: true,
    lifetimeSeconds: 86_400,
  });
  const [header = '', payload = ''] = token.split('.');
  const signingInput = `${header}.${payload}`;
  const hmacKey = randomBytes(32);
  return {
    token,
    payloadJson: Buffer.from(payload, 'base64url').toString('utf8'),
    signingInput,
    hmacKey,
    hmac: createHmac('sha256', hmacKey).update(signingInput).digest(),
  };
}

async function measure(context: BenchContext, directory: string): Promise<BenchmarkFindings> {
  const { options } = context;
  const file = path.join(directory, 'signing-keys.json');
  await ensureSigningKeyFile(file);
  const keys = await KeyRing.fromFile(file);
  const fixture = await issueFixture(keys);
  const verification = { keys, ...AUDIENCE };
  // Every request of the "first sight" variants pays for the whole check, as a token's
  // first request to a service does; the others find the token already verified.
  const firstSight = { ...verification, rememberVerified: false };
  const authorization = `Bearer ${fixture.token}`;

  // The set every subgraph keeps, fed by the same code; an in-memory database stands in for
  // the real one, which it only reads at start-up.
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const database = await openDatabase({ dataDir: `memory://${directory}`, logger });
  const revocations = new SessionRevocations({
    db: database.prisma,
    notifications: database.notifications,
    logger,
    horizonSeconds: 905,
  });
  await revocations.start();
  for (let index = 0; index < REVOKED_SESSIONS; index += 1) {
    revocations.remember(randomUUID(), Date.now());
  }

  const inFlight = { concurrency: options.connections };
  try {
    const samples = await alternateRounds<Variant, RateSample>({
      variants: {
        parse: async (seconds) => measureSyncRate(() => JSON.parse(fixture.payloadJson), seconds),
        hmac: async (seconds) =>
          measureSyncRate(() => {
            const mac = createHmac('sha256', fixture.hmacKey).update(fixture.signingInput);
            return timingSafeEqual(mac.digest(), fixture.hmac);
          }, seconds),
        verify: (seconds) =>
          measureAsyncRate(() => verifyAccessToken(fixture.token, firstSight), {
            seconds,
            ...inFlight,
          }),
        authenticate: (seconds) =>
          measureAsyncRate(() => authenticated(authorization, firstSight, revocations), {
            seconds,
            ...inFlight,
          }),
        verifyAgain: (seconds) =>
          measureAsyncRate(() => verifyAccessToken(fixture.token, verification), {
            seconds,
            ...inFlight,
          }),
        authenticateAgain: (seconds) =>
          measureAsyncRate(() => authenticated(authorization, verification, revocations), {
            seconds,
            ...inFlight,
          }),
      },
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      onProgress: context.progress,
    });
    return findings(samples, options.connections);
  } finally {
    await revocations.stop();
    await database.close();
  }
}

async function authenticated(
  authorization: string,
  verification: VerifyAccessTokenOptions,
  revocations: SessionRevocations,
) {
  const result = await authenticate(authorization, verification, revocations);
  if (result.status !== 'authenticated') throw new Error('The token was refused.');
  return result;
}

type Variant = 'parse' | 'hmac' | 'verify' | 'authenticate' | 'verifyAgain' | 'authenticateAgain';

const LABELS: Readonly<Record<Variant, string>> = {
  parse: '`JSON.parse` of the payload (baseline)',
  hmac: 'HMAC-SHA256 over header.payload, compared',
  verify: '`verifyAccessToken`, first sight (ES256, jose)',
  authenticate: '`authenticate`, first sight (verify + revocation check)',
  verifyAgain: '`verifyAccessToken`, token seen before',
  authenticateAgain: '`authenticate`, token seen before (every later request)',
};

function findings(samples: Record<Variant, RateSample[]>, concurrency: number): BenchmarkFindings {
  const rate = (variant: Variant) => median(samples[variant].map((sample) => sample.perSecond));
  const rates = (variant: Variant) => samples[variant].map((sample) => sample.perSecond);
  // Time per operation against the baseline's: baseline rate over the variant's, per round.
  const slowdown = (variant: Variant) => medianRatio(rates('parse'), rates(variant));
  const variants = Object.keys(LABELS) as Variant[];

  const verifyRate = rate('verify');
  const authenticateRate = rate('authenticate');
  const revocationMicroseconds = 1e6 / authenticateRate - 1e6 / verifyRate;

  return {
    tables: [
      {
        caption: 'Operations per second in one process (median of rounds)',
        header: ['operation', 'ops/s', 'µs per op', 'time vs baseline'],
        rows: variants.map((variant) => [
          LABELS[variant],
          perSecond(rate(variant)),
          decimal(1e6 / rate(variant)),
          variant === 'parse' ? '1×' : times(slowdown(variant)),
        ]),
      },
      {
        caption: 'What the revocation check adds',
        header: ['ratio', 'value'],
        rows: [
          [
            '`authenticate` ops/s ÷ `verifyAccessToken` ops/s',
            decimal(rate('authenticate') / verifyRate),
          ],
          ['µs added per request by the check and header parsing', decimal(revocationMicroseconds)],
        ],
      },
      {
        caption: 'What remembering verified tokens saves',
        header: ['ratio', 'value'],
        rows: [
          [
            '`authenticate` ops/s, token seen before ÷ first sight',
            times(medianRatio(rates('authenticateAgain'), rates('authenticate'))),
          ],
          ['µs per request, token seen before', decimal(1e6 / rate('authenticateAgain'))],
        ],
      },
    ],
    notes: [
      `Asynchronous operations run with ${concurrency} in flight, as a busy service has them; ` +
        'WebCrypto then verifies on every core, so "µs per op" is machine time, not latency.',
      'The baselines are synchronous loops on one core: the floor of looking at a token at all ' +
        '(JSON.parse) and of a symmetric signature check (HMAC) instead of ES256.',
      `The revocation set holds ${REVOKED_SESSIONS.toLocaleString('en-US')} ended sessions.`,
      'A service remembers the tokens whose signature it verified (per key ring, up to ' +
        '10,000, each until it expires), so a client pays for ES256 on its first request ' +
        'only; the "first sight" rows turn that off and check in full every time.',
    ],
    metrics: {
      parsePerSecond: rate('parse'),
      hmacPerSecond: rate('hmac'),
      verifyPerSecond: verifyRate,
      authenticatePerSecond: authenticateRate,
      verifyTimeVsParse: slowdown('verify'),
      verifyTimeVsHmac: medianRatio(rates('hmac'), rates('verify')),
      authenticateTimeVsParse: slowdown('authenticate'),
      authenticateOverVerify: medianRatio(rates('authenticate'), rates('verify')),
      verifyAgainPerSecond: rate('verifyAgain'),
      authenticateAgainPerSecond: rate('authenticateAgain'),
      authenticateAgainOverFirstSight: medianRatio(
        rates('authenticateAgain'),
        rates('authenticate'),
      ),
    },
    samples,
  };
}

export const tokenVerification: Benchmark = {
  name: 'token-verification',
  title: 'Token verification',
  description:
    'How many access tokens one process verifies per second with `verifyAccessToken` (jose, ' +
    'ES256), and with `authenticate`, which every subgraph runs per request (verification ' +
    'plus the in-memory revocation check), for a token seen for the first time and for one ' +
    'seen before, against the baselines of parsing the same payload and of an HMAC over the ' +
    'same bytes.',
  async run(context) {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'bench-tokens-'));
    try {
      return await measure(context, directory);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
};
