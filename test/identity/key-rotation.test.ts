import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { startSystem, type TestSystem } from '../support/system.js';

async function jwksKids(gatewayUrl: string): Promise<string[]> {
  const response = await fetch(gatewayUrl.replace('/graphql', '/.well-known/jwks.json'));
  const body = (await response.json()) as { keys: { kid: string }[] };
  return body.keys.map((key) => key.kid);
}

describe('signing key rotation', () => {
  let system: TestSystem;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    system = await startSystem({ databaseKind: 'pglite' });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(() => system?.stop());

  it('signs with the new key, keeps old tokens valid, and publishes both', async () => {
    const email = uniqueEmail();
    await api.signUp({ email });
    const before = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    const oldKid = decodeProtectedHeader(before.accessToken).kid;

    const newKid = await rotateSigningKeyFile(system.env.SIGNING_KEYS_FILE!);

    let kids = await jwksKids(system.gatewayUrl);
    while (kids[0] !== newKid) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      kids = await jwksKids(system.gatewayUrl);
    }
    expect(kids).toEqual([newKid, oldKid]);

    let after = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    while (decodeProtectedHeader(after.accessToken).kid !== newKid) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
    }

    expect((await api.me(before.accessToken)).body.errors).toBeUndefined();
    expect((await api.me(after.accessToken)).body.errors).toBeUndefined();
  });
});
