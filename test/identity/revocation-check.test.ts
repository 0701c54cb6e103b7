import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { errorCodes } from '../support/graphql-client.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { startSystem, type TestSystem } from '../support/system.js';

/** Counts every query a service makes against the revocation list. */
function countingRevocationReads(db: PrismaClient, reads: { count: number }): PrismaClient {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'revokedSession') reads.count += 1;
      return Reflect.get(target, property, receiver);
    },
  });
}

describe.each(testDatabaseKinds)('the session check on every request (%s)', (databaseKind) => {
  const reads = { count: 0 };
  let system: TestSystem;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    system = await startSystem({
      databaseKind,
      wrapDb: (_name, db) => countingRevocationReads(db, reads),
    });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(() => system?.stop());

  it('costs no database query while the revocation feed is up', async () => {
    const email = uniqueEmail();
    await api.signUp({ email });
    const user = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');

    reads.count = 0;
    for (let request = 0; request < 20; request += 1) {
      expect((await api.me(user.accessToken)).body.errors).toBeUndefined();
    }
    expect(reads.count).toBe(0);

    await api.signOut(user.accessToken);
    reads.count = 0;
    expect(errorCodes(await api.me(user.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(reads.count).toBe(0);
  });
});
