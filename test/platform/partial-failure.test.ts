import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';

const ME_WITH_MEMBERSHIPS = '{ me { id email memberships { role organization { name } } } }';

/** Things a masked error must never reveal. */
const LEAKS = [
  /127\.0\.0\.1/,
  /localhost/,
  /:\d{4,5}\b/,
  /ECONNREFUSED/i,
  /\bat .*\.(ts|js)/,
  /\/work\//,
];

describe.each(testDatabaseKinds)('a subgraph that is down (%s)', (databaseKind) => {
  let system: TestSystem;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    const user = await system.createUser();
    userId = user.id;
    token = await system.tokenFor(userId);
    await postGraphQL(
      system.gatewayUrl,
      { query: 'mutation { createOrganization(input: { name: "Acme" }) { id } }' },
      { token },
    );
  });

  afterAll(() => system?.stop());

  it('answers with every subgraph up', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: ME_WITH_MEMBERSHIPS },
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.me).toMatchObject({
      id: userId,
      memberships: [{ role: 'OWNER', organization: { name: 'Acme' } }],
    });
  });

  it('returns the other subgraphs’ data plus one masked error, then recovers', async () => {
    await system.stopSubgraph('organization');

    const partial = await postGraphQL(system.gatewayUrl, { query: ME_WITH_MEMBERSHIPS }, { token });
    expect(partial.status).toBe(200);
    expect(partial.body.data?.me).toMatchObject({ id: userId, memberships: null });
    expect(errorCodes(partial)).toEqual(['UPSTREAM_ERROR']);
    const text = JSON.stringify(partial.body.errors);
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
    expect(Object.keys(partial.body.errors?.[0]?.extensions ?? {})).toEqual(['code']);

    await system.startSubgraph('organization');
    const recovered = await postGraphQL(
      system.gatewayUrl,
      { query: ME_WITH_MEMBERSHIPS },
      { token },
    );
    expect(recovered.body.errors).toBeUndefined();
    expect(recovered.body.data?.me).toMatchObject({ memberships: [{ role: 'OWNER' }] });
  });
});
