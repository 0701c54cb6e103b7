import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { testDatabaseKinds } from '../support/databases.js';
import { startSystem, type TestSystem } from '../support/system.js';

const INTERNAL_DETAIL =
  'Invalid `prisma.user.findMany()` invocation: SELECT "public"."users" WHERE id = $1; ' +
  'connect ECONNREFUSED 10.20.30.40:5432\n    at loadUsers (/srv/app/subgraphs/identity/x.ts:12:7)';

/** Makes the identity subgraph's user lookups fail the way a broken database would. */
function failingUserLookups(db: PrismaClient): PrismaClient {
  const user = new Proxy(db.user, {
    get: (target, property, receiver) =>
      property === 'findMany'
        ? () => Promise.reject(new Error(INTERNAL_DETAIL))
        : Reflect.get(target, property, receiver),
  });
  return new Proxy(db, {
    get: (target, property, receiver) =>
      property === 'user' ? user : Reflect.get(target, property, receiver),
  });
}

describe.each(testDatabaseKinds)('an unexpected resolver error (%s)', (databaseKind) => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startSystem({
      databaseKind,
      wrapDb: (name, db) => (name === 'identity' ? failingUserLookups(db) : db),
    });
    token = await system.tokenFor((await system.createUser()).id);
  });

  afterAll(() => system?.stop());

  it.each(['gateway', 'identity subgraph directly'])('is masked via the %s', async (path) => {
    const url = path === 'gateway' ? system.gatewayUrl : system.subgraphUrls.identity;
    const response = await postGraphQL(url, { query: '{ me { id } }' }, { token });

    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.body.errors?.[0]?.message).toBe('Internal server error.');
    const text = JSON.stringify(response.body);
    for (const leak of ['SELECT', '10.20.30.40', '5432', '/srv/app', 'prisma', 'stacktrace']) {
      expect(text).not.toContain(leak);
    }
  });

  it('is logged in full on the server with the request id', async () => {
    const response = await postGraphQL(system.gatewayUrl, { query: '{ me { id } }' }, { token });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const failures = system.logs
      .records('request failed')
      .filter((record) => record.service === 'identity' && record.requestId === requestId);
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures[0])).toContain('ECONNREFUSED 10.20.30.40:5432');
  });
});

describe('the development flag EXPOSE_ERROR_DETAILS', () => {
  let system: TestSystem;

  afterAll(() => system?.stop());

  it('adds the original message for developers', async () => {
    system = await startSystem({
      databaseKind: 'pglite',
      env: { EXPOSE_ERROR_DETAILS: 'true' },
      wrapDb: (name, db) => (name === 'identity' ? failingUserLookups(db) : db),
    });
    const token = await system.tokenFor((await system.createUser()).id);
    const response = await postGraphQL(
      system.subgraphUrls.identity,
      { query: '{ me { id } }' },
      { token },
    );
    expect(response.body.errors?.[0]?.extensions?.detail).toContain('ECONNREFUSED');
  });
});
