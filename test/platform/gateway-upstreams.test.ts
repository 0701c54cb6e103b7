import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSubgraph, type FakeSubgraph } from '../support/fake-subgraph.js';
import { startGatewayAlone, type GatewayAlone } from '../support/gateway-alone.js';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';

const VIEWER = { __typename: 'User', id: 'user-1' };

/** Identity as far as `me` goes: every operation it receives gets the same viewer. */
const identityAnswer = () => ({ json: { data: { me: VIEWER } } });

describe('a subgraph that accepts requests and never answers', () => {
  let identity: FakeSubgraph;
  let organization: FakeSubgraph;
  let gateway: GatewayAlone;

  beforeAll(async () => {
    identity = await startFakeSubgraph(identityAnswer);
    organization = await startFakeSubgraph(() => 'hang');
    gateway = await startGatewayAlone({
      subgraphUrls: { identity: identity.url, organization: organization.url },
      // The general bound is far beyond the test's own timeout, so only organization's own
      // bound can end the request in time.
      env: { SUBGRAPH_TIMEOUT_MS: '120000', ORGANIZATION_TIMEOUT_MS: '300' },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await identity?.stop();
    await organization?.stop();
  });

  it('is cut off at its own timeout: the other data plus one masked UPSTREAM_ERROR', async () => {
    const response = await postGraphQL(gateway.url, {
      query: '{ me { id memberships { role } } }',
    });

    expect(organization.received).toHaveLength(1);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ me: { id: 'user-1', memberships: null } });
    expect(errorCodes(response)).toEqual(['UPSTREAM_ERROR']);
    expect(response.body.errors?.[0]?.message).toBe(
      'A service needed for part of this request is unavailable.',
    );
    expect(JSON.stringify(response.body.errors)).not.toMatch(/timeout|127\.0\.0\.1|abort/i);

    const failure = gateway.logs
      .records('subgraph request failed')
      .find((record) => record.subgraph === 'organization');
    expect(JSON.stringify(failure?.err)).toMatch(/timeout|aborted/i);
  });
});

describe('connections from the gateway to a subgraph', () => {
  let identity: FakeSubgraph;
  let gateway: GatewayAlone;

  beforeAll(async () => {
    identity = await startFakeSubgraph(identityAnswer);
    gateway = await startGatewayAlone({ subgraphUrls: { identity: identity.url } });
  });

  afterAll(async () => {
    await gateway?.stop();
    await identity?.stop();
  });

  it('are kept alive and reused from one client request to the next', async () => {
    for (let round = 0; round < 6; round += 1) {
      const response = await postGraphQL(gateway.url, { query: '{ me { id } }' });
      expect(response.body).toEqual({ data: { me: { id: 'user-1' } } });
    }
    expect(identity.received).toHaveLength(6);
    expect(identity.connections()).toBe(1);
  });
});

describe('headers a client sends', () => {
  let identity: FakeSubgraph;
  let gateway: GatewayAlone;

  beforeAll(async () => {
    identity = await startFakeSubgraph(identityAnswer);
    gateway = await startGatewayAlone({ subgraphUrls: { identity: identity.url } });
  });

  afterAll(async () => {
    await gateway?.stop();
    await identity?.stop();
  });

  it('never reach a subgraph, except the bearer token', async () => {
    const forged = {
      'x-internal-user': 'admin',
      'x-viewer-id': 'someone-else',
      'x-user-id': 'someone-else',
      cookie: 'session=stolen',
      'x-forwarded-for': '198.51.100.7',
      'x-forwarded-proto': 'https',
      'x-request-id': 'chosen-by-the-client',
      'apollo-require-preflight': 'true',
    };
    const response = await postGraphQL(
      gateway.url,
      { query: '{ me { id } }' },
      { token: 'opaque-token', headers: forged },
    );
    expect(response.body.data).toEqual({ me: { id: 'user-1' } });

    const received = identity.received.at(-1)?.headers ?? {};
    expect(Object.keys(received).sort()).toEqual([
      'authorization',
      'connection',
      'content-length',
      'content-type',
      'host',
      'x-forwarded-for',
      'x-request-id',
    ]);
    expect(received.authorization).toBe('Bearer opaque-token');
    // The gateway's own findings, not the client's claims.
    expect(received['x-forwarded-for']).toBe('127.0.0.1');
    expect(received['x-request-id']).toBe(response.headers.get('x-request-id'));
    expect(received['x-request-id']).not.toBe('chosen-by-the-client');
  });
});

const LEAKY_MESSAGE =
  'insert into "users" ("email") values ($1) failed: connect ECONNREFUSED 10.1.2.3:5432\n' +
  '    at Object.signUp (/srv/app/subgraphs/identity/accounts/sign-up.ts:41:9)';

/** Things that must never reach a client, whatever a subgraph answers. */
const LEAKS = [/insert into/i, /10\.1\.2\.3/, /5432/, /\/srv\/app/, /sign-up\.ts/, /ECONNREFUSED/];

describe('a subgraph that answers with an unmasked error', () => {
  let identity: FakeSubgraph;
  let gateway: GatewayAlone;

  beforeAll(async () => {
    identity = await startFakeSubgraph(() => ({
      json: {
        data: { me: null },
        errors: [
          {
            message: LEAKY_MESSAGE,
            path: ['me'],
            extensions: {
              code: 'P2010',
              sql: 'SELECT * FROM users WHERE id = $1',
              host: 'db.internal:5432',
              file: '/srv/app/subgraphs/identity/user-loader.ts',
              stacktrace: LEAKY_MESSAGE.split('\n'),
              exception: { stacktrace: LEAKY_MESSAGE.split('\n') },
            },
          },
        ],
      },
    }));
    gateway = await startGatewayAlone({ subgraphUrls: { identity: identity.url } });
  });

  afterAll(async () => {
    await gateway?.stop();
    await identity?.stop();
  });

  it('is masked by the gateway down to a code', async () => {
    const response = await postGraphQL(gateway.url, { query: '{ me { id } }' });

    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.body.errors?.[0]?.message).toBe('Internal server error.');
    expect(Object.keys(response.body.errors?.[0]?.extensions ?? {})).toEqual(['code']);
    const text = JSON.stringify(response.body);
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
  });

  it('is logged in full on the gateway, with the request id', async () => {
    const response = await postGraphQL(gateway.url, { query: '{ me { id } }' });
    const requestId = response.headers.get('x-request-id');
    const failures = gateway.logs
      .records('request failed')
      .filter((record) => record.requestId === requestId);
    expect(JSON.stringify(failures)).toContain('ECONNREFUSED 10.1.2.3:5432');
  });
});
