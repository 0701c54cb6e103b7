import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AccessTokenError,
  issueAccessToken,
  verifyAccessToken,
} from '../../platform/auth/access-token.js';
import { KeyRing } from '../../platform/auth/key-ring.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { VerifiedTokenCache } from '../../platform/auth/verified-token-cache.js';

const AUDIENCE = { issuer: 'https://api.example', audience: 'federated-identity-api' };
const NOON = new Date('2026-12-03T12:00:00Z');
const at = (seconds: number) => new Date(NOON.getTime() + seconds * 1000);

async function keyFile(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'keys-')), 'signing-keys.json');
  await ensureSigningKeyFile(file, NOON);
  return file;
}

describe('verifying the same access token again', () => {
  let file: string;
  let keys: KeyRing;
  let token: string;

  beforeEach(async () => {
    file = await keyFile();
    keys = await KeyRing.fromFile(file);
    ({ token } = await issueAccessToken({
      ...AUDIENCE,
      keys,
      userId: '3f8c2a50-5f38-4f5c-9d1f-0e6a4b1f2c33',
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      lifetimeSeconds: 900,
      now: NOON,
    }));
  });

  const verify = (now: Date, audience = AUDIENCE) =>
    verifyAccessToken(token, { ...audience, keys, now });
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e) => e,
    );

  it('checks the signature once and answers later requests with the same claims', async () => {
    const resolveKey = vi.spyOn(keys, 'verificationKey');
    const first = await verify(NOON);
    const second = await verify(at(60));
    expect(second).toEqual(first);
    expect(resolveKey).toHaveBeenCalledTimes(1);
  });

  it('checks the signature every time when told not to remember', async () => {
    const resolveKey = vi.spyOn(keys, 'verificationKey');
    await verifyAccessToken(token, { ...AUDIENCE, keys, now: NOON, rememberVerified: false });
    await verifyAccessToken(token, { ...AUDIENCE, keys, now: NOON, rememberVerified: false });
    expect(resolveKey).toHaveBeenCalledTimes(2);
  });

  it('still refuses the token once it has expired', async () => {
    await verify(NOON);
    const failure = await failureOf(verify(at(906)));
    expect(failure).toBeInstanceOf(AccessTokenError);
    expect(failure).toMatchObject({ reason: 'expired' });
  });

  it('does not vouch for the token to another audience or issuer', async () => {
    await verify(NOON);
    const otherAudience = { ...AUDIENCE, audience: 'another-api' };
    expect(await failureOf(verify(NOON, otherAudience))).toMatchObject({ reason: 'invalid' });
    const otherIssuer = { ...AUDIENCE, issuer: 'https://elsewhere.example' };
    expect(await failureOf(verify(NOON, otherIssuer))).toMatchObject({ reason: 'invalid' });
  });

  it('forgets the token once its key has left the ring', async () => {
    await verify(NOON);
    await copyFile(await keyFile(), file);
    await keys.reload();
    const failure = await failureOf(verify(at(1)));
    expect(failure).toMatchObject({ reason: 'invalid', message: expect.stringMatching(/key/) });
  });

  it('never remembers a token that failed', async () => {
    const tampered = `${token.slice(0, -4)}AAAA`;
    const resolveKey = vi.spyOn(keys, 'verificationKey');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const failure = await failureOf(
        verifyAccessToken(tampered, { ...AUDIENCE, keys, now: NOON }),
      );
      expect(failure).toMatchObject({ reason: 'invalid' });
    }
    expect(resolveKey).toHaveBeenCalledTimes(2);
  });
});

describe('the verified-token cache', () => {
  it('makes room by dropping the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(2);
    const publicKey = {} as CryptoKey;
    const entry = (tokenId: string) => ({
      claims: {
        userId: 'u',
        sessionId: 's',
        email: 'a@example.com',
        emailVerified: true,
        tokenId,
        issuedAt: 0,
        expiresAt: 100,
      },
      issuer: 'i',
      audience: 'a',
      kid: 'k',
      publicKey,
    });
    cache.remember('t1', entry('1'));
    cache.remember('t2', entry('2'));
    cache.remember('t3', entry('3'));
    expect(cache.size).toBe(2);
    const lookup = {
      issuer: 'i',
      audience: 'a',
      nowSeconds: 10,
      toleranceSeconds: 5,
      currentKey: () => publicKey,
    };
    expect(cache.lookup('t1', lookup)).toBeUndefined();
    expect(cache.lookup('t3', lookup)?.tokenId).toBe('3');
  });
});
