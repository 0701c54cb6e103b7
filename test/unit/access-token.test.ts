import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AccessTokenError,
  issueAccessToken,
  verifyAccessToken,
} from '../../platform/auth/access-token.js';
import { KeyRing } from '../../platform/auth/key-ring.js';
import {
  ensureSigningKeyFile,
  readSigningKeyFile,
  rotateSigningKeyFile,
} from '../../platform/auth/signing-key-file.js';

const AUDIENCE = { issuer: 'https://api.example', audience: 'federated-identity-api' };
const USER = '3f8c2a50-5f38-4f5c-9d1f-0e6a4b1f2c33';
const NOON = new Date('2026-12-03T12:00:00Z');
/** The access token lifetime plus the verifiers' clock skew. */
const KEEP = { keepRetiredForSeconds: 905 };
const minutesAfterNoon = (minutes: number) => new Date(NOON.getTime() + minutes * 60_000);

async function keyFile(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'keys-')), 'signing-keys.json');
  await ensureSigningKeyFile(file, NOON);
  return file;
}

describe('access tokens', () => {
  let keys: KeyRing;

  beforeAll(async () => {
    keys = await KeyRing.fromFile(await keyFile());
  });

  const issue = (now = NOON) =>
    issueAccessToken({
      ...AUDIENCE,
      keys,
      userId: USER,
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      lifetimeSeconds: 900,
      now,
    });

  it('carries the pinned algorithm, the type and the key id in the header', async () => {
    const { token } = await issue();
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'ES256',
      typ: 'at+jwt',
      kid: keys.currentKid,
    });
  });

  it('verifies into the claims it was issued with', async () => {
    const { token, tokenId, expiresAt } = await issue();
    const claims = await verifyAccessToken(token, { ...AUDIENCE, keys, now: NOON });
    expect(claims).toEqual({
      userId: USER,
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      tokenId,
      issuedAt: NOON.getTime() / 1000,
      expiresAt: expiresAt.getTime() / 1000,
    });
  });

  it('is refused as expired 15 minutes and 5 seconds of tolerance later', async () => {
    const { token } = await issue();
    const stillValid = new Date(NOON.getTime() + 904_000);
    await expect(
      verifyAccessToken(token, { ...AUDIENCE, keys, now: stillValid }),
    ).resolves.toBeDefined();

    const later = new Date(NOON.getTime() + 906_000);
    const failure = await verifyAccessToken(token, { ...AUDIENCE, keys, now: later }).catch(
      (e) => e,
    );
    expect(failure).toBeInstanceOf(AccessTokenError);
    expect(failure).toMatchObject({ reason: 'expired', message: 'The access token has expired.' });
  });

  it('is refused when issued in the future beyond the tolerance', async () => {
    const { token } = await issue(new Date(NOON.getTime() + 60_000));
    const failure = await verifyAccessToken(token, { ...AUDIENCE, keys, now: NOON }).catch(
      (e) => e,
    );
    expect(failure).toMatchObject({ reason: 'invalid' });
  });

  it('is refused for another audience or issuer', async () => {
    const { token } = await issue();
    for (const other of [{ audience: 'other' }, { issuer: 'https://other.example' }]) {
      const failure = await verifyAccessToken(token, {
        ...AUDIENCE,
        ...other,
        keys,
        now: NOON,
      }).catch((e) => e);
      expect(failure).toMatchObject({ reason: 'invalid', message: 'The access token is invalid.' });
    }
  });
});

describe('key rotation', () => {
  it('signs with the new key and still verifies tokens of the previous one', async () => {
    const file = await keyFile();
    const before = await KeyRing.fromFile(file);
    const old = await issueAccessToken({
      ...AUDIENCE,
      keys: before,
      userId: USER,
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      lifetimeSeconds: 900,
    });

    const { kid: newKid } = await rotateSigningKeyFile(file, KEEP);
    const after = await KeyRing.fromFile(file);
    expect(after.currentKid).toBe(newKid);
    expect(after.jwks().keys.map((key) => key.kid)).toEqual([newKid, before.currentKid]);

    await expect(verifyAccessToken(old.token, { ...AUDIENCE, keys: after })).resolves.toMatchObject(
      {
        userId: USER,
      },
    );
    const fresh = await issueAccessToken({
      ...AUDIENCE,
      keys: after,
      userId: USER,
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      lifetimeSeconds: 900,
    });
    expect(decodeProtectedHeader(fresh.token).kid).toBe(newKid);
  });

  it('lets a running service verify a key rotated in after it started', async () => {
    const file = await keyFile();
    const running = await KeyRing.fromFile(file);
    await rotateSigningKeyFile(file, KEEP);
    const rotated = await KeyRing.fromFile(file);
    const token = await issueAccessToken({
      ...AUDIENCE,
      keys: rotated,
      userId: USER,
      sessionId: 's1',
      email: 'ada@example.com',
      emailVerified: true,
      lifetimeSeconds: 900,
    });

    await running.reload();
    await expect(
      verifyAccessToken(token.token, { ...AUDIENCE, keys: running }),
    ).resolves.toBeDefined();
  });

  it('keeps every key that may have signed a live token, however often it rotates', async () => {
    const file = await keyFile();
    const first = (await readSigningKeyFile(file)).current;

    const kids = [first];
    for (let rotation = 1; rotation <= 5; rotation += 1) {
      const { kid, dropped } = await rotateSigningKeyFile(file, {
        ...KEEP,
        now: minutesAfterNoon(rotation),
      });
      expect(dropped).toEqual([]);
      kids.unshift(kid);
    }
    const content = await readSigningKeyFile(file);
    expect(content.keys.map((key) => key.kid)).toEqual(kids);
    expect(content.keys.map((key) => key.retiredAt)).toEqual([
      undefined,
      ...[5, 4, 3, 2, 1].map((minutes) => minutesAfterNoon(minutes).toISOString()),
    ]);
  });

  it('drops a key only once it retired longer ago than the token lifetime and skew', async () => {
    const file = await keyFile();
    const first = (await readSigningKeyFile(file)).current;
    const { kid: second } = await rotateSigningKeyFile(file, { ...KEEP, now: minutesAfterNoon(1) });

    // The first retired at 12:01; 905 s later is 12:16:05.
    const atSixteen = await rotateSigningKeyFile(file, { ...KEEP, now: minutesAfterNoon(16) });
    expect(atSixteen.dropped).toEqual([]);
    const atSeventeen = await rotateSigningKeyFile(file, { ...KEEP, now: minutesAfterNoon(17) });
    expect(atSeventeen.dropped).toEqual([first]);

    const kids = (await readSigningKeyFile(file)).keys.map((key) => key.kid);
    expect(kids).toEqual([atSeventeen.kid, atSixteen.kid, second]);
  });

  it('keeps the key file private to its owner', async () => {
    const { stat } = await import('node:fs/promises');
    const file = await keyFile();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
