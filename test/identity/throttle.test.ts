import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import {
  identityOperations,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';

const WRONG = 'definitely not the password';

describe.each([
  ['memory', {}],
  ['Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }],
  ['Redis unreachable', { REDIS_URL: 'redis://127.0.0.1:1' }],
] as const)('sign-in throttling with %s counters', (_backend, env) => {
  let system: TestSystem;
  let smtp: SmtpPeer;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    system = await startSystem({ databaseKind: 'pglite', env: { ...env, SMTP_URL: smtp.url } });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

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

describe('sign-in throttling per client address', () => {
  let system: TestSystem;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    system = await startSystem({ databaseKind: 'pglite' });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(() => system?.stop());

  it('refuses an address after 100 failures spread over many accounts', async () => {
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 100; attempt += 1) {
      codes.push(...errorCodes(await api.signIn({ email: uniqueEmail('spray'), password: WRONG })));
    }
    expect(new Set(codes)).toEqual(new Set(['UNAUTHENTICATED']));

    const next = await api.signIn({ email: uniqueEmail('spray'), password: WRONG });
    expect(errorCodes(next)).toEqual(['RATE_LIMITED']);
  });
});
