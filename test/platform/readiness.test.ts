import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { startSystem, type TestSystem } from '../support/system.js';

const probe = async (graphqlUrl: string, path: '/health' | '/ready') => {
  const response = await fetch(graphqlUrl.replace('/graphql', path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe.each(testDatabaseKinds)('readiness when the database goes away (%s)', (databaseKind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
  });

  afterAll(() => system?.stop());

  it('reports each subgraph not ready, naming the failed check, while staying alive', async () => {
    await system.database.close();

    for (const url of Object.values(system.subgraphUrls)) {
      expect(await probe(url, '/ready')).toEqual({
        status: 503,
        body: { status: 'not ready', checks: { database: 'down', schema: 'up' } },
      });
      expect((await probe(url, '/health')).status).toBe(200);
    }
    // The gateway keeps no database; its schema is loaded, so it stays ready.
    expect((await probe(system.gatewayUrl, '/ready')).status).toBe(200);
  });
});
