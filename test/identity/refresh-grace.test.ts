import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../platform/auth/opaque-token.js';
import { clearLapsedSuccessors } from '../../subgraphs/identity/maintenance/sweep.js';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes } from '../support/graphql-client.js';
import { payloadOf, STRONG_PASSWORD, uniqueEmail } from '../support/identity-operations.js';
import { startIdentity, type IdentityUnderTest } from './identity-under-test.js';

const PHONE = '198.51.100.7';
const ELSEWHERE = '203.0.113.9';
const AUTH_FIELDS = 'accessToken refreshToken user { id }';

describe.each(testDatabaseKinds)('refresh token grace window (%s)', (databaseKind) => {
  let identity: IdentityUnderTest;

  beforeAll(async () => {
    identity = await startIdentity({ databaseKind });
  });

  afterAll(() => identity?.stop());

  const signIn = async (address = PHONE) => {
    const email = uniqueEmail('grace');
    const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
    const input = { email, password: STRONG_PASSWORD, displayName: 'Grace' };
    return payloadOf(
      await identity.post({ query: signUp, variables: { input } }, { address }),
      'signUp',
    );
  };

  const refresh = (refreshToken: string, address = PHONE) =>
    identity.post(
      {
        query: `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`,
        variables: { t: refreshToken },
      },
      { address },
    );

  const rowOf = (token: string) =>
    identity.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) } });

  const sealedInSession = async (token: string) => {
    const { sessionId } = await rowOf(token);
    return identity.db.refreshToken.count({
      where: { sessionId, successorSealed: { not: null } },
    });
  };

  it('gives the same device the same unused successor up to the end of the window', async () => {
    const first = await signIn();
    const successor = payloadOf(await refresh(first.refreshToken), 'refreshSession');

    identity.clock.advance(29_000);
    const retried = payloadOf(await refresh(first.refreshToken), 'refreshSession');
    expect(retried.refreshToken).toBe(successor.refreshToken);
    expect((await refresh(successor.refreshToken)).body.errors).toBeUndefined();
  });

  it('revokes the session when the rotated token returns after the window, successor unused', async () => {
    const first = await signIn();
    const successor = payloadOf(await refresh(first.refreshToken), 'refreshSession');
    expect(await sealedInSession(first.refreshToken)).toBe(1);

    identity.clock.advance(31_000);
    const replay = await refresh(first.refreshToken);
    expect(errorCodes(replay)).toEqual(['UNAUTHENTICATED']);
    expect(replay.body.errors?.[0]?.message).toBe(
      'The refresh token is invalid or has expired; sign in again.',
    );

    // The unused successor dies with the session, and no sealed copy of it is left.
    expect(errorCodes(await refresh(successor.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(await sealedInSession(first.refreshToken)).toBe(0);
    const session = await identity.db.session.findUniqueOrThrow({
      where: { id: (await rowOf(first.refreshToken)).sessionId },
    });
    expect(session.revokedReason).toBe('refresh_token_reuse');
    expect(
      identity.logs.records('rotated refresh token presented again; session revoked'),
    ).toContainEqual(
      expect.objectContaining({ sessionId: session.id, reason: 'after_grace_window' }),
    );
  });

  it('treats another device presenting the rotated token within the window as reuse', async () => {
    const first = await signIn();
    const successor = payloadOf(await refresh(first.refreshToken, PHONE), 'refreshSession');

    const stolen = await refresh(first.refreshToken, ELSEWHERE);
    expect(errorCodes(stolen)).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await refresh(successor.refreshToken, PHONE))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await refresh(first.refreshToken, PHONE))).toEqual(['UNAUTHENTICATED']);

    const { sessionId } = await rowOf(first.refreshToken);
    expect(
      identity.logs.records('rotated refresh token presented again; session revoked'),
    ).toContainEqual(expect.objectContaining({ sessionId, reason: 'other_device' }));
  });

  it('drops the sealed successor as soon as the successor itself is rotated', async () => {
    const first = await signIn();
    const second = payloadOf(await refresh(first.refreshToken), 'refreshSession');
    const third = payloadOf(await refresh(second.refreshToken), 'refreshSession');

    expect((await rowOf(first.refreshToken)).successorSealed).toBeNull();
    expect((await rowOf(second.refreshToken)).successorSealed).not.toBeNull();
    expect(await sealedInSession(third.refreshToken)).toBe(1);

    // Within the window, but its successor is used: a replay.
    expect(errorCodes(await refresh(first.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await refresh(third.refreshToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('drops sealed successors that nobody presents again once their window is over', async () => {
    const first = await signIn();
    await refresh(first.refreshToken);
    expect(await sealedInSession(first.refreshToken)).toBe(1);

    const cleared = await clearLapsedSuccessors(identity.db, {
      now: new Date(identity.clock.now().getTime() + 31_000),
      graceSeconds: 30,
    });
    expect(cleared).toBeGreaterThanOrEqual(1);
    expect(await sealedInSession(first.refreshToken)).toBe(0);
    expect(
      await identity.db.refreshToken.count({ where: { successorSealed: { not: null } } }),
    ).toBe(0);
  });

  it('drops the sealed successor when the session is signed out', async () => {
    const first = await signIn();
    const successor = payloadOf(await refresh(first.refreshToken), 'refreshSession');
    const signOut = await identity.post(
      { query: 'mutation { signOut }' },
      { token: successor.accessToken, address: PHONE },
    );
    expect(signOut.body.data).toEqual({ signOut: true });
    expect(await sealedInSession(first.refreshToken)).toBe(0);
  });
});

describe('the periodic sweep of sealed successors', () => {
  let identity: IdentityUnderTest;

  beforeAll(async () => {
    identity = await startIdentity({ databaseKind: 'pglite', env: { REFRESH_GRACE_SECONDS: '1' } });
  });

  afterAll(() => identity?.stop());

  it('runs every grace window and leaves no successor sealed past it', async () => {
    const email = uniqueEmail('sweep');
    const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`;
    const input = { email, password: STRONG_PASSWORD, displayName: 'Sweep' };
    const first = payloadOf(await identity.post({ query: signUp, variables: { input } }), 'signUp');
    await identity.post({
      query: `mutation ($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`,
      variables: { t: first.refreshToken },
    });
    expect(
      await identity.db.refreshToken.count({ where: { successorSealed: { not: null } } }),
    ).toBe(1);

    identity.clock.advance(5_000);
    await expect
      .poll(() => identity.db.refreshToken.count({ where: { successorSealed: { not: null } } }), {
        timeout: 10_000,
      })
      .toBe(0);
  });
});
