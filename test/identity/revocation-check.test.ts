import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes } from '../support/graphql-client.js';
import {
  identityOperations,
  payloadOf,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../support/identity-operations.js';
import { countingQueries, queriesOf, type QueryCounts } from '../support/query-counter.js';
import { startSystem, type TestSystem } from '../support/system.js';

describe.each(testDatabaseKinds)('the session check on every request (%s)', (databaseKind) => {
  const queries: QueryCounts = new Map();
  let system: TestSystem;
  let api: ReturnType<typeof identityOperations>;

  beforeAll(async () => {
    system = await startSystem({
      databaseKind,
      wrapDb: (_name, db) => countingQueries(db, queries),
    });
    api = identityOperations(system.gatewayUrl);
  });

  afterAll(() => system?.stop());

  it('costs no database query while the revocation feed is up', async () => {
    const email = uniqueEmail();
    await api.signUp({ email });
    const user = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');

    queries.clear();
    for (let request = 0; request < 20; request += 1) {
      expect((await api.me(user.accessToken)).body.errors).toBeUndefined();
    }
    expect(queriesOf(queries, 'revokedSession')).toBe(0);

    await api.signOut(user.accessToken);
    queries.clear();
    expect(errorCodes(await api.me(user.accessToken))).toEqual(['UNAUTHENTICATED']);
    expect(queriesOf(queries, 'revokedSession')).toBe(0);
  });
});
