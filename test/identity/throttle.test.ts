import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import {
  identityOperations,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { testRedisUrl } from '../support/external-services.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';

const WRONG = 'definitely not the password';
/** Deletes every key of one run's prefix, so runs never see each other's counts. */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

// The shared Redis only when the run names one (TEST_REDIS_URL); the other two need none.
const BACKENDS: readonly (readonly [string, { readonly REDIS_URL?: string }])[] = [
  ['memory', {}],
  ...(testRedisUrl ? [['Redis', { REDIS_URL: testRedisUrl }] as const] : []),
  ['Redis unreachable', { REDIS_URL: 'redis://127.0.0.1:1' }],
];

describe.each(
  testDatabaseKinds.flatMap((kind) => BACKENDS.map(([name, env]) => [name, kind, env] as const)),
)('sign-in throttling with %s counters (%s)', (_backend, databaseKind, env) => {
  // A prefix of this run's own: counts left in a shared Redis by earlier runs cannot leak in.
  const prefix = `test-throttle-${randomUUID()}`;
  let system: TestSystem;
  let smtp: SmtpPeer;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    system = await startSystem({
      databaseKind,
      env: { ...env, SMTP_URL: smtp.url, RATE_LIMIT_PREFIX: prefix },
    });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
    if (testRedisUrl && env.REDIS_URL === testRedisUrl) await deleteKeys(testRedisUrl, prefix);
  });

  const sharedRedisUrl = env.REDIS_URL === testRedisUrl ? testRedisUrl : undefined;
  if (sharedRedisUrl) {
    it('keeps its counts under RATE_LIMIT_PREFIX in Redis', async () => {
      const email = uniqueEmail('prefixed');
      await api.signUp({ email });
      await api.signIn({ email, password: WRONG });

      const redis = new Redis(sharedRedisUrl, { maxRetriesPerRequest: 1 });
      try {
        const [, keys] = await redis.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        expect(keys.length).toBeGreaterThan(0);
        expect(keys.every((key) => key.startsWith(`${prefix}:`))).toBe(true);
        // Hashed subjects: neither the address nor the account appears in a key.
        expect(keys.join(' ')).not.toContain(email);
      } finally {
        redis.disconnect();
      }
    });
  }

  it('delays an account after repeated failures, even for the right password', async () => {
    const email = uniqueEmail('victim');
    await api.signUp({ email });

    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 12 && !codes.includes('RATE_LIMITED'); attempt += 1) {
      codes.push(...errorCodes(await api.signIn({ email, password: WRONG })));
    }
    expect(codes.slice(0, 2)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codes.at(-1)).toBe('RATE_LIMITED');

    const blocked = await api.signIn({ email, password: STRONG_PASSWORD });
    expect(errorCodes(blocked)).toEqual(['RATE_LIMITED']);
    expect(blocked.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('counts attempts packed into one request as aliases', async () => {
    const email = uniqueEmail('aliases');
    await api.signUp({ email });
    const wrongAliases = Array.from(
      { length: 9 },
      (_, index) =>
        `a${index}: signIn(input: { email: $email, password: "${WRONG}" }) { accessToken }`,
    ).join('\n');
    const right = `ok: signIn(input: { email: $email, password: "${STRONG_PASSWORD}" }) { accessToken }`;
    const packed = () =>
      postGraphQL(system.gatewayUrl, {
        query: `mutation ($email: String!) { ${wrongAliases} ${right} }`,
        variables: { email },
      });

    // Mutation fields run in order and the first failure ends the request, so ten guesses
    // in one request buy exactly one counted attempt and never reach the right password.
    const first = await packed();
    expect(first.body.data ?? null).toBeNull();
    expect(errorCodes(first)).toEqual(['UNAUTHENTICATED']);

    // Each packed request counts once, so the account's delay arrives within a few of them.
    const codes: unknown[] = [];
    for (let request = 0; request < 12 && !codes.includes('RATE_LIMITED'); request += 1) {
      codes.push(...errorCodes(await packed()));
    }
    expect(codes).toContain('RATE_LIMITED');
    expect(codes.every((code) => code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED')).toBe(true);
  });

  it('lets the owner back in through a password reset', async () => {
    const email = uniqueEmail('owner');
    await api.signUp({ email });
    for (let attempt = 0; attempt < 8; attempt += 1) await api.signIn({ email, password: WRONG });
    expect(errorCodes(await api.signIn({ email, password: STRONG_PASSWORD }))).toEqual([
      'RATE_LIMITED',
    ]);

    await api.requestPasswordReset(email);
    const mail = await smtp.nextMailTo(email, 1);
    const newPassword = 'a brand new passphrase 7';
    const reset = await api.resetPassword({ token: tokenFromMail(mail), newPassword });
    expect(reset.body).toEqual({ data: { resetPassword: true } });

    const signedIn = await api.signIn({ email, password: newPassword });
    expect(signedIn.body.errors).toBeUndefined();
  });
});

describe.each(testDatabaseKinds)('sign-in throttling per client address (%s)', (databaseKind) => {
  let system: TestSystem;

  beforeAll(async () => {
    // The test process plays a trusted proxy, so it can name each client's address.
    system = await startSystem({ databaseKind, gatewayEnv: { TRUSTED_PROXIES: '127.0.0.1' } });
  });

  afterAll(() => system?.stop());

  const signInFrom = (address: string, email: string) =>
    postGraphQL(
      system.gatewayUrl,
      {
        query: 'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }',
        variables: { input: { email, password: WRONG } },
      },
      { headers: { 'x-forwarded-for': address } },
    );

  it('limits one address across many accounts, and keeps other addresses apart', async () => {
    const spraying = '198.51.100.23';
    const neighbour = '203.0.113.54';

    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 100; attempt += 1) {
      codes.push(...errorCodes(await signInFrom(spraying, uniqueEmail('spray'))));
    }
    expect(new Set(codes)).toEqual(new Set(['UNAUTHENTICATED']));

    const refused = await signInFrom(spraying, uniqueEmail('spray'));
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);

    // Another address has a budget of its own, on fresh accounts and on a sprayed one alike.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(errorCodes(await signInFrom(neighbour, uniqueEmail('other')))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
    expect(errorCodes(await signInFrom(spraying, uniqueEmail('spray')))).toEqual(['RATE_LIMITED']);
  });
});
