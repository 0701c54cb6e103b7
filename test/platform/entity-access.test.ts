import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { countingQueries, totalQueries, type QueryCounts } from '../support/query-counter.js';
import { startSystem, type TestSystem } from '../support/system.js';

const entities = (selection: string) => `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ${selection} }
}`;

describe.each(testDatabaseKinds)('entities across subgraphs (%s)', (databaseKind) => {
  const identityQueries: QueryCounts = new Map();
  const organizationQueries: QueryCounts = new Map();
  let system: TestSystem;
  let owner: { id: string; token: string };
  let outsider: { id: string; token: string };
  let organizationId: string;
  let solutionId: string;

  beforeAll(async () => {
    system = await startSystem({
      databaseKind,
      wrapDb: (name, db) => {
        if (name === 'identity') return countingQueries(db, identityQueries);
        return name === 'organization' ? countingQueries(db, organizationQueries) : db;
      },
    });
    const ownerUser = await system.createUser();
    const outsiderUser = await system.createUser();
    owner = { id: ownerUser.id, token: await system.tokenFor(ownerUser.id) };
    outsider = { id: outsiderUser.id, token: await system.tokenFor(outsiderUser.id) };

    const created = await postGraphQL(
      system.gatewayUrl,
      { query: 'mutation { createOrganization(input: { name: "Acme" }) { id } }' },
      { token: owner.token },
    );
    organizationId = (created.body.data?.createOrganization as { id: string }).id;

    const members = await Promise.all(Array.from({ length: 8 }, () => system.createUser()));
    await system.db.membership.createMany({
      data: members.map((member) => ({
        organizationId,
        userId: member.id,
        role: 'MEMBER' as const,
      })),
    });

    const solution = await postGraphQL(
      system.gatewayUrl,
      { query: 'mutation { createSolution(input: { name: "Reports" }) { id } }' },
      { token: owner.token },
    );
    solutionId = (solution.body.data?.createSolution as { id: string }).id;
  });

  afterAll(() => system?.stop());

  it('resolves all members’ users with one identity query', async () => {
    identityQueries.clear();
    const response = await postGraphQL(
      system.gatewayUrl,
      {
        query: `query ($id: ID!) { organization(id: $id) {
          members(first: 50) { totalCount edges { node { role user { id displayName } } } }
        } }`,
        variables: { id: organizationId },
      },
      { token: owner.token },
    );
    expect(response.body.errors).toBeUndefined();
    const members = response.body.data?.organization as {
      members: { totalCount: number; edges: { node: { user: { displayName: string } } }[] };
    };
    expect(members.members.totalCount).toBe(9);
    expect(members.members.edges.every((edge) => edge.node.user.displayName)).toBe(true);
    expect(identityQueries.get('user.findMany')).toBe(1);
  });

  it('answers the viewer’s memberships and their organizations with one query', async () => {
    const second = await postGraphQL(
      system.gatewayUrl,
      { query: 'mutation { createOrganization(input: { name: "Beta" }) { id } }' },
      { token: owner.token },
    );
    expect(second.body.errors).toBeUndefined();

    organizationQueries.clear();
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id memberships { role organization { id name viewerRole } } } }' },
      { token: owner.token },
    );
    expect(response.body.errors).toBeUndefined();
    const me = response.body.data?.me as {
      memberships: { role: string; organization: { name: string; viewerRole: string } }[];
    };
    expect(me.memberships.map((membership) => membership.organization.name)).toEqual([
      'Acme',
      'Beta',
    ]);
    expect(me.memberships.every((m) => m.organization.viewerRole === 'OWNER')).toBe(true);
    expect(Object.fromEntries(organizationQueries)).toEqual({ 'membership.findMany': 1 });
    expect(totalQueries(organizationQueries)).toBe(1);
  });

  it('hides another organization by the query path', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      {
        query: 'query ($id: ID!) { organization(id: $id) { id name } }',
        variables: { id: organizationId },
      },
      { token: outsider.token },
    );
    expect(response.body).toEqual({ data: { organization: null } });
  });

  it.each([
    ['Organization', 'organization', '... on Organization { id name }', () => organizationId],
    ['User', 'organization', '... on User { id memberships { role } }', () => owner.id],
    ['Solution', 'function', '... on Solution { id name }', () => solutionId],
  ] as const)(
    'refuses an outsider the %s entity path',
    async (typename, subgraph, selection, id) => {
      const response = await postGraphQL(
        system.subgraphUrls[subgraph],
        {
          query: entities(selection),
          variables: { representations: [{ __typename: typename, id: id() }] },
        },
        { token: outsider.token },
      );
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(response.body.data)).not.toMatch(/Acme|Reports|OWNER/);
    },
  );

  it('grants the owner the same entity paths', async () => {
    const response = await postGraphQL(
      system.subgraphUrls.organization,
      {
        query: entities('... on Organization { id name }'),
        variables: { representations: [{ __typename: 'Organization', id: organizationId }] },
      },
      { token: owner.token },
    );
    expect(response.body).toEqual({ data: { _entities: [{ id: organizationId, name: 'Acme' }] } });
  });

  it('refuses entity resolution to anonymous callers', async () => {
    const response = await postGraphQL(system.subgraphUrls.identity, {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
      variables: { r: [{ __typename: 'User', id: owner.id }] },
    });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses the subgraph SDL to callers, since composition happens at build time', async () => {
    const response = await postGraphQL(
      system.subgraphUrls.identity,
      { query: '{ _service { sdl } }' },
      { token: owner.token },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});
