import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { testDatabaseKinds } from '../support/databases.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { startSystem, type TestSystem } from '../support/system.js';

const run = promisify(execFile);

/** `npm run keys:rotate`, exactly as an operator runs it, against one key file. */
async function rotateKeys(signingKeysFile: string) {
  return run('npm', ['run', '--silent', 'keys:rotate'], {
    env: { ...process.env, SIGNING_KEYS_FILE: signingKeysFile },
    timeout: 60_000,
  });
}

/** Asks again until `done` holds, at most `attempts` times, 50 ms apart. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  attempts = 100,
): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < attempts && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

async function jwksKids(gatewayUrl: string): Promise<string[]> {
  const response = await fetch(gatewayUrl.replace('/graphql', '/.well-known/jwks.json'));
  const body = (await response.json()) as { keys: { kid: string }[] };
  return body.keys.map((key) => key.kid);
}

describe.each(testDatabaseKinds)('signing key rotation (%s)', (databaseKind) => {
  let system: TestSystem;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(() => system?.stop());

  it('npm run keys:rotate signs with a new key, keeps old tokens valid, and publishes both', async () => {
    const file = system.env.SIGNING_KEYS_FILE!;
    const email = uniqueEmail();
    await api.signUp({ email });
    const signIn = async () =>
      payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    const before = await signIn();
    const oldKid = decodeProtectedHeader(before.accessToken).kid;

    const { stdout } = await rotateKeys(file);
    const newKid = (await readSigningKeyFile(file)).current;
    expect(newKid).not.toBe(oldKid);
    expect(stdout).toBe(`New current signing key ${newKid} in ${file}\n`);

    const kids = await eventually(
      () => jwksKids(system.gatewayUrl),
      (listed) => listed[0] === newKid,
    );
    expect(kids).toEqual([newKid, oldKid]);

    const after = await eventually(signIn, (payload) => {
      return decodeProtectedHeader(payload.accessToken).kid === newKid;
    });
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(newKid);

    expect((await api.me(before.accessToken)).body.errors).toBeUndefined();
    expect((await api.me(after.accessToken)).body.errors).toBeUndefined();
  });

  it('keeps every recent key when rotated twice in a row', async () => {
    const file = system.env.SIGNING_KEYS_FILE!;
    const email = uniqueEmail();
    await api.signUp({ email });
    const before = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    const keysBefore = (await readSigningKeyFile(file)).keys.length;

    await rotateKeys(file);
    await rotateKeys(file);
    const content = await readSigningKeyFile(file);
    expect(content.keys).toHaveLength(keysBefore + 2);

    const kids = await eventually(
      () => jwksKids(system.gatewayUrl),
      (listed) => listed[0] === content.current,
    );
    expect(kids).toEqual(content.keys.map((key) => key.kid));
    expect((await api.me(before.accessToken)).body.errors).toBeUndefined();
  });

  it('fails with a reason and exit code 1 when the key file is unusable', async () => {
    const failure = await rotateKeys('/nonexistent/dir/signing-keys.json').then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('keys:rotate failed: ENOENT');
  });
});
