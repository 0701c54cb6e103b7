import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
  type AuthPayload,
} from '../support/identity-operations.js';
import { startSystem, type TestSystem } from '../support/system.js';

describe.each(testDatabaseKinds)('sessions and tokens (%s)', (databaseKind) => {
  let system: TestSystem;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(() => system?.stop());

  async function signedInUser(deviceName = 'Phone'): Promise<{ email: string } & AuthPayload> {
    const email = uniqueEmail();
    await api.signUp({ email });
    const payload = payloadOf(
      await api.signIn({ email, password: STRONG_PASSWORD, deviceName }),
      'signIn',
    );
    return { email, ...payload };
  }

  it('issues an access token that names its session and expires in 15 minutes', async () => {
    const user = await signedInUser();
    const [, payload] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(claims).sort()).toEqual([
      'aud',
      'email',
      'email_verified',
      'exp',
      'iat',
      'iss',
      'jti',
      'sid',
      'sub',
    ]);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(new Date(user.accessTokenExpiresAt).getTime()).toBe(Number(claims.exp) * 1000);
    expect(user.refreshToken).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
  });

  it('rotates the refresh token on every refresh', async () => {
    const user = await signedInUser();
    const first = payloadOf(await api.refresh(user.refreshToken), 'refreshSession');
    expect(first.refreshToken).not.toBe(user.refreshToken);
    const second = payloadOf(await api.refresh(first.refreshToken), 'refreshSession');
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await api.me(second.accessToken)).body.data?.me).toMatchObject({ email: user.email });
  });

  it('gives two concurrent refreshes with one token the same successor', async () => {
    const user = await signedInUser();
    const [a, b] = await Promise.all([
      api.refresh(user.refreshToken),
      api.refresh(user.refreshToken),
    ]);
    const first = payloadOf(a, 'refreshSession');
    const second = payloadOf(b, 'refreshSession');
    expect(second.refreshToken).toBe(first.refreshToken);
    expect((await api.me(first.accessToken)).body.errors).toBeUndefined();
  });

  it('ends the whole session when a rotated token is presented again', async () => {
    const user = await signedInUser();
    const next = payloadOf(await api.refresh(user.refreshToken), 'refreshSession');
    const latest = payloadOf(await api.refresh(next.refreshToken), 'refreshSession');

    const replay = await api.refresh(user.refreshToken);
    expect(errorCodes(replay)).toEqual(['UNAUTHENTICATED']);

    expect(errorCodes(await api.refresh(latest.refreshToken))).toEqual(['UNAUTHENTICATED']);
    const me = await api.me(latest.accessToken);
    expect(errorCodes(me)).toEqual(['UNAUTHENTICATED']);
    expect(me.body.errors?.[0]?.message).toBe('The session has ended; sign in again.');
  });

  it('takes sign-out into effect on the very next request, via the gateway and directly', async () => {
    const user = await signedInUser();
    expect((await api.me(user.accessToken)).body.errors).toBeUndefined();
    expect((await api.signOut(user.accessToken)).body.data).toEqual({ signOut: true });

    expect(errorCodes(await api.me(user.accessToken))).toEqual(['UNAUTHENTICATED']);
    for (const [name, query] of [
      ['identity', '{ me { id } }'],
      ['organization', '{ organization(id: "00000000-0000-4000-8000-000000000000") { id } }'],
      ['function', '{ mySolutions { id } }'],
    ] as const) {
      const direct = await postGraphQL(
        system.subgraphUrls[name],
        { query },
        { token: user.accessToken },
      );
      expect(errorCodes(direct), name).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await api.refresh(user.refreshToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('lists sessions, marks the current one, and revokes another', async () => {
    const phone = await signedInUser('Phone');
    const laptop = payloadOf(
      await api.signIn({ email: phone.email, password: STRONG_PASSWORD, deviceName: 'Laptop' }),
      'signIn',
    );
    const listed = (await api.mySessions(phone.accessToken)).body.data?.mySessions as {
      id: string;
      deviceName: string;
      current: boolean;
    }[];
    expect(listed.map((session) => [session.deviceName, session.current]).sort()).toEqual([
      ['Laptop', false],
      ['Phone', true],
      // The session sign-up opened, with no device name given.
      ['Unnamed device', false],
    ]);

    const laptopSession = listed.find((session) => session.deviceName === 'Laptop')!;
    expect((await api.revokeSession(phone.accessToken, laptopSession.id)).body.data).toEqual({
      revokeSession: true,
    });
    expect(errorCodes(await api.me(laptop.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect((await api.me(phone.accessToken)).body.errors).toBeUndefined();
  });

  it('refuses to revoke a session of another user as not found', async () => {
    const owner = await signedInUser();
    const other = await signedInUser();
    const sessions = (await api.mySessions(other.accessToken)).body.data?.mySessions as {
      id: string;
    }[];
    const response = await api.revokeSession(owner.accessToken, sessions[0]!.id);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect((await api.me(other.accessToken)).body.errors).toBeUndefined();
  });

  it('signs out everywhere', async () => {
    const phone = await signedInUser();
    const laptop = payloadOf(
      await api.signIn({ email: phone.email, password: STRONG_PASSWORD }),
      'signIn',
    );
    await api.signOutEverywhere(phone.accessToken);
    expect(errorCodes(await api.me(phone.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.me(laptop.accessToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('never accepts a refresh token as an access token, nor the reverse', async () => {
    const user = await signedInUser();
    expect(errorCodes(await api.me(user.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.refresh(user.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect((await api.refresh(user.refreshToken)).body.errors).toBeUndefined();
  });
});
