import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../support/system.js';

const probe = async (graphqlUrl: string, path: '/health' | '/ready') => {
  const response = await fetch(graphqlUrl.replace('/graphql', path));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('readiness when the database goes away', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({ databaseKind: 'pglite' });
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
