import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../platform/auth/access-token.js';
import { KeyRing } from '../../platform/auth/key-ring.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { startSystem, TEST_AUDIENCE, TEST_ISSUER, type TestSystem } from '../support/system.js';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Every claim our access tokens must carry; a token lacking any one is refused. */
const REQUIRED_CLAIMS = ['sub', 'sid', 'jti', 'iat', 'exp', 'email', 'email_verified'] as const;

/** An operation per service that needs a signed-in user and touches only that service. */
const PROTECTED = {
  identity: '{ me { id } }',
  organization: '{ organization(id: "00000000-0000-4000-8000-000000000000") { id } }',
  function: '{ mySolutions { id } }',
} as const;

describe.each(testDatabaseKinds)('access token verification (%s)', (databaseKind) => {
  let system: TestSystem;
  let userId: string;
  const forged: Record<string, string> = {};

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    userId = (await system.createUser()).id;
    const base = {
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      userId,
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
    };

    const otherFile = path.join(await mkdtemp(path.join(tmpdir(), 'other-keys-')), 'keys.json');
    await ensureSigningKeyFile(otherFile);
    const otherKeys = await KeyRing.fromFile(otherFile);
    forged['signed by another key'] = (
      await issueAccessToken({ ...base, keys: otherKeys, lifetimeSeconds: 900 })
    ).token;

    const { privateKey } = await generateKeyPair('ES256');
    forged['another key claiming our kid'] = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: system.keys.currentKid })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setSubject(userId)
      .setJti('j1')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

    forged['another audience'] = (
      await issueAccessToken({
        ...base,
        audience: 'some-other-api',
        keys: system.keys,
        lifetimeSeconds: 900,
      })
    ).token;

    forged['another issuer'] = (
      await issueAccessToken({
        ...base,
        issuer: 'https://evil.example',
        keys: system.keys,
        lifetimeSeconds: 900,
      })
    ).token;

    forged['expired'] = (
      await issueAccessToken({
        ...base,
        keys: system.keys,
        lifetimeSeconds: 900,
        now: new Date(Date.now() - 3_600_000),
      })
    ).token;

    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: TEST_ISSUER,
      aud: TEST_AUDIENCE,
      sub: userId,
      sid: 's1',
      jti: 'j2',
      iat: now,
      exp: now + 600,
    };
    forged['alg none'] =
      `${encode({ alg: 'none', typ: 'at+jwt', kid: system.keys.currentKid })}.${encode(claims)}.`;

    // Algorithm confusion: HMAC keyed with our public key, which anyone can read from the JWKS.
    const publicJwk = system.keys.jwks().keys[0];
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    forged['HS256 keyed with the public key'] = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: system.keys.currentKid })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setSubject(userId)
      .setJti('j3')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(secret);

    forged['wrong type (plain JWT)'] = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: system.keys.currentKid })
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setSubject(userId)
      .setJti('j4')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(system.keys.signingKey().privateKey);

    // Correctly signed by our current key, with our type, issuer and audience, but one
    // required claim left out.
    for (const missing of [...REQUIRED_CLAIMS, 'nothing']) {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        iss: TEST_ISSUER,
        aud: TEST_AUDIENCE,
        sub: userId,
        sid: 's1',
        jti: `missing-${missing}`,
        iat: now,
        exp: now + 600,
        email: 'ada@example.com',
        email_verified: true,
      };
      delete claims[missing];
      forged[`without ${missing}`] = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: system.keys.currentKid })
        .sign(system.keys.signingKey().privateKey);
    }
  });

  afterAll(() => system?.stop());

  it('accepts a valid token through the gateway and on each subgraph', async () => {
    const token = await system.tokenFor(userId);
    const viaGateway = await postGraphQL(system.gatewayUrl, { query: '{ me { id } }' }, { token });
    expect(viaGateway.body).toEqual({ data: { me: { id: userId } } });

    for (const [name, query] of Object.entries(PROTECTED)) {
      const direct = await postGraphQL(
        system.subgraphUrls[name as keyof typeof PROTECTED],
        { query },
        { token },
      );
      expect(direct.body.errors, name).toBeUndefined();
    }
  });

  it.each([
    'signed by another key',
    'another key claiming our kid',
    'another audience',
    'another issuer',
    'expired',
    'alg none',
    'HS256 keyed with the public key',
    'wrong type (plain JWT)',
    ...REQUIRED_CLAIMS.map((claim) => `without ${claim}`),
  ])('rejects a token %s, at the gateway and on each subgraph directly', async (kind) => {
    const token = forged[kind];
    expect(token).toBeDefined();

    const viaGateway = await postGraphQL(system.gatewayUrl, { query: '{ me { id } }' }, { token });
    expect(viaGateway.body.data?.me ?? null).toBeNull();
    expect(errorCodes(viaGateway)).toEqual(['UNAUTHENTICATED']);

    for (const [name, query] of Object.entries(PROTECTED)) {
      const direct = await postGraphQL(
        system.subgraphUrls[name as keyof typeof PROTECTED],
        { query },
        { token },
      );
      expect(errorCodes(direct), name).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('accepts the same hand-made token when no claim is missing', async () => {
    const token = forged['without nothing'];
    const viaGateway = await postGraphQL(system.gatewayUrl, { query: '{ me { id } }' }, { token });
    expect(viaGateway.body).toEqual({ data: { me: { id: userId } } });
  });

  it('says that an expired token has expired, so clients know to refresh', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id } }' },
      { token: forged['expired'] },
    );
    expect(response.body.errors?.[0]?.message).toBe('The access token has expired.');
  });

  it('refuses a request without a token with UNAUTHENTICATED', async () => {
    const response = await postGraphQL(system.gatewayUrl, { query: '{ me { id } }' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.body.errors?.[0]?.message).toBe('Sign in to perform this operation.');
  });

  it('does not trust identity headers a client could forge', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id } }' },
      { headers: { 'x-user-id': userId, 'x-forwarded-user': userId, 'x-viewer-id': userId } },
    );
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});
