import argon2, { type HashOptions } from 'argon2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-client.js';
import { payloadOf, STRONG_PASSWORD, uniqueEmail } from '../support/identity-operations.js';
import { tokenFromMail } from '../support/smtp-peer.js';
import { startIdentity, type IdentityUnderTest } from './identity-under-test.js';

const TOO_LONG = 'p'.repeat(257);
const CURRENT_POLICY = /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/;

describe.each(testDatabaseKinds)('password hashing work (%s)', (databaseKind) => {
  let identity: IdentityUnderTest;

  beforeAll(async () => {
    identity = await startIdentity({ databaseKind });
  });

  afterAll(() => identity?.stop());
  afterEach(() => vi.restoreAllMocks());

  const signUp = async (email = uniqueEmail('hashing')) => {
    const input = { email, password: STRONG_PASSWORD, displayName: 'Hash' };
    const response = await identity.post({
      query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      variables: { input },
    });
    return { email, accessToken: payloadOf(response, 'signUp').accessToken };
  };

  const signIn = (email: string, password: string) =>
    identity.post({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken } }',
      variables: { input: { email, password } },
    });

  /** A user whose stored hash was made elsewhere, e.g. under an older policy. */
  const userWithHash = async (passwordHash: string) => {
    const email = uniqueEmail('legacy');
    await identity.db.user.create({ data: { email, displayName: 'Legacy', passwordHash } });
    return email;
  };
  const storedHash = async (email: string) =>
    (await identity.db.user.findUniqueOrThrow({ where: { email } })).passwordHash;

  const expectTooLong = (response: GraphQLResponse, field: string) => {
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.message).toBe('The password must be at most 256 characters.');
    expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
  };
  const expectNoPasswordWork = () =>
    expect({ ...identity.hashing, reset: undefined }).toEqual({
      hash: 0,
      verify: 0,
      verifyDummy: 0,
      reset: undefined,
    });

  describe('a 257-character password is refused before any hashing', () => {
    it('at sign-up', async () => {
      identity.hashing.reset();
      const input = { email: uniqueEmail(), password: TOO_LONG, displayName: 'Long' };
      const response = await identity.post({
        query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
        variables: { input },
      });
      expectTooLong(response, 'input.password');
      expectNoPasswordWork();
    });

    it('at sign-in', async () => {
      const { email } = await signUp();
      identity.hashing.reset();
      expectTooLong(await signIn(email, TOO_LONG), 'input.password');
      expectNoPasswordWork();
    });

    it('at password reset, leaving the link usable', async () => {
      const { email } = await signUp();
      await identity.post({
        query: 'mutation ($e: String!) { requestPasswordReset(email: $e) }',
        variables: { e: email },
      });
      const token = tokenFromMail(await identity.smtp.nextMailTo(email, 1));
      const reset = (newPassword: string) =>
        identity.post({
          query: 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) }',
          variables: { input: { token, newPassword } },
        });

      identity.hashing.reset();
      expectTooLong(await reset(TOO_LONG), 'input.newPassword');
      expectNoPasswordWork();
      expect((await reset('a perfectly fine passphrase')).body.data).toEqual({
        resetPassword: true,
      });
    });

    it.each([
      ['the current password', { currentPassword: TOO_LONG }, 'input.currentPassword'],
      ['the new password', { newPassword: TOO_LONG }, 'input.newPassword'],
    ])('at password change, for %s', async (_case, override, field) => {
      const { accessToken } = await signUp();
      identity.hashing.reset();
      const input = {
        currentPassword: STRONG_PASSWORD,
        newPassword: 'another passphrase',
        ...override,
      };
      const response = await identity.post(
        {
          query: 'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }',
          variables: { input },
        },
        { token: accessToken },
      );
      expectTooLong(response, field);
      expectNoPasswordWork();
    });
  });

  it('verifies an unknown email against the dummy hash, as much work as a wrong password', async () => {
    const { email } = await signUp();
    const hashes = vi.spyOn(argon2, 'hash');

    identity.hashing.reset();
    const unknown = await signIn(uniqueEmail('nobody'), 'not the password at all');
    expect(errorCodes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect({ verify: identity.hashing.verify, dummy: identity.hashing.verifyDummy }).toEqual({
      verify: 0,
      dummy: 1,
    });

    identity.hashing.reset();
    const wrong = await signIn(email, 'not the password at all');
    expect(wrong.body).toEqual(unknown.body);
    expect({ verify: identity.hashing.verify, dummy: identity.hashing.verifyDummy }).toEqual({
      verify: 1,
      dummy: 0,
    });

    // The dummy hash was made at start-up: no sign-in computes one.
    expect(hashes).not.toHaveBeenCalled();
  });

  it.each<[string, HashOptions]>([
    ['argon2id with less memory', { type: argon2.argon2id, memoryCost: 8_192, timeCost: 2 }],
    ['argon2id with one iteration', { type: argon2.argon2id, memoryCost: 19_456, timeCost: 1 }],
    ['argon2i at today’s costs', { type: argon2.argon2i, memoryCost: 19_456, timeCost: 2 }],
    ['argon2d at today’s costs', { type: argon2.argon2d, memoryCost: 19_456, timeCost: 2 }],
  ])('rehashes a password stored as %s at the next sign-in', async (_case, options) => {
    const legacy = await argon2.hash(STRONG_PASSWORD, { ...options, parallelism: 1 });
    const email = await userWithHash(legacy);

    const hashes = vi.spyOn(argon2, 'hash');
    identity.hashing.reset();
    expect((await signIn(email, STRONG_PASSWORD)).body.errors).toBeUndefined();
    expect(identity.hashing.hash).toBe(1);
    // The same spy that sees no hashing for an unknown email sees this one.
    expect(hashes).toHaveBeenCalledTimes(1);

    const upgraded = await storedHash(email);
    expect(upgraded).toMatch(CURRENT_POLICY);
    expect(await argon2.verify(upgraded ?? '', STRONG_PASSWORD)).toBe(true);
    expect((await signIn(email, STRONG_PASSWORD)).body.errors).toBeUndefined();
  });

  it('keeps a hash at or above the policy as it is', async () => {
    const current = await argon2.hash(STRONG_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    const stronger = await argon2.hash(STRONG_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 32_768,
      timeCost: 3,
      parallelism: 1,
    });
    for (const hash of [current, stronger]) {
      const email = await userWithHash(hash);
      identity.hashing.reset();
      expect((await signIn(email, STRONG_PASSWORD)).body.errors).toBeUndefined();
      expect(identity.hashing.hash).toBe(0);
      expect(await storedHash(email)).toBe(hash);
    }
  });
});
