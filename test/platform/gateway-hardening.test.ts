import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL } from '../support/graphql-client.js';
import { testDatabaseKinds } from '../support/databases.js';
import { startSystem, type TestSystem } from '../support/system.js';

const nested = (depth: number): string => {
  const levels = ['memberships', 'organization', 'members', 'edges', 'node', 'user'];
  let body = 'id';
  for (let level = depth - 2; level >= 0; level -= 1) {
    body = `${levels[level % levels.length]} { ${body} }`;
  }
  return `{ me { ${body} } }`;
};

describe.each(testDatabaseKinds)('gateway hardening (development settings, %s)', (databaseKind) => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    token = await system.tokenFor((await system.createUser()).id);
  });

  afterAll(() => system?.stop());

  const subgraphCallsFor = (requestId: string | null) =>
    system.logs
      .records('graphql request')
      .filter((record) => record.service !== 'gateway' && record.requestId === requestId);

  it('refuses an operation deeper than the limit before calling any subgraph', async () => {
    const response = await postGraphQL(system.gatewayUrl, { query: nested(13) }, { token });
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toContain('depth limit of 12');
    expect(subgraphCallsFor(response.headers.get('x-request-id'))).toHaveLength(0);
  });

  it('does not let a fragment named __schema hide depth', async () => {
    const inner = nested(13).slice(1, -1);
    const query = `query { ...__schema } fragment __schema on Query { ${inner} }`;
    const response = await postGraphQL(system.gatewayUrl, { query }, { token });
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: me { id }`).join(' ');
    const response = await postGraphQL(system.gatewayUrl, { query: `{ ${aliases} }` }, { token });
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toContain('Aliases limit of 15');
  });

  it('refuses a document with more tokens than the limit while parsing', async () => {
    const numbers = Array.from({ length: 2_100 }, (_, index) => index).join(', ');
    const query = `query Long($unused: [Int] = [${numbers}]) { me { id } }`;
    const response = await postGraphQL(system.gatewayUrl, { query }, { token });
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.errors?.[0]?.message).toBe('Syntax Error: Token limit of 2000 exceeded.');
  });

  it('refuses batched requests', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('batch');
  });

  it('refuses a mutation sent by GET', async () => {
    const query = encodeURIComponent(
      'mutation { createOrganization(input: { name: "x" }) { id } }',
    );
    const response = await fetch(`${system.gatewayUrl}?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(405);
  });

  it('refuses a simple GET that could be a cross-site request', async () => {
    const response = await fetch(
      `${system.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(300_000)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers malformed JSON with a typed error', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('has each subgraph refuse a body over its own limit of 1 MiB with 413', async () => {
    const query = (padding: number) => `{ __typename } # ${'x'.repeat(padding)}`;
    for (const url of Object.values(system.subgraphUrls)) {
      const refused = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: query(1_048_576) }),
      });
      expect(refused.status, url).toBe(413);
      const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
      const requestId = refused.headers.get('x-request-id');
      const lines = system.logs.records('http request').filter((r) => r.requestId === requestId);
      expect(lines).toMatchObject([{ status: 413, outcome: 'BAD_REQUEST' }]);
    }
    // Just under the limit the subgraph reads the body and answers.
    const accepted = await postGraphQL(system.subgraphUrls.function, {
      query: query(1_048_576 - 100),
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toEqual({ __typename: 'Query' });
  });

  it('allows introspection outside production', async () => {
    const response = await postGraphQL(system.gatewayUrl, {
      query: '{ __schema { queryType { name } } }',
    });
    expect(response.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('publishes the public signing keys as a JWKS', async () => {
    const response = await fetch(system.gatewayUrl.replace('/graphql', '/.well-known/jwks.json'));
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys[0]).toMatchObject({ kid: system.keys.currentKid, alg: 'ES256', use: 'sig' });
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  });

  it('answers /health and /ready on every service', async () => {
    const urls = [system.gatewayUrl, ...Object.values(system.subgraphUrls)];
    for (const url of urls) {
      const health = await fetch(url.replace('/graphql', '/health'));
      expect(health.status, url).toBe(200);
      const ready = await fetch(url.replace('/graphql', '/ready'));
      expect(ready.status, url).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
    }
  });
});

describe('gateway hardening (production settings)', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({
      databaseKind: 'pglite',
      gatewayEnv: { NODE_ENV: 'production', TRUSTED_PROXIES: '127.0.0.1', MAX_COST: '10' },
    });
  });

  afterAll(() => system?.stop());

  const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };

  it('refuses plain HTTP that did not come through the TLS proxy', async () => {
    const response = await postGraphQL(system.gatewayUrl, { query: '{ __typename }' });
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['BAD_REQUEST']);
  });

  it('serves requests the proxy relayed over HTTPS, with HSTS', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ __typename }' },
      { headers: viaProxy },
    );
    expect(response.body.data).toEqual({ __typename: 'Query' });
    expect(response.headers.get('strict-transport-security')).toContain('max-age=31536000');
  });

  it('turns introspection off', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ __schema { queryType { name } } }' },
      { headers: viaProxy },
    );
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.data ?? null).toBeNull();
  });

  it('does not suggest field names', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ mee { id } }' },
      { headers: viaProxy },
    );
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/did you mean/i);
  });

  it('refuses an operation over the cost limit', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id email displayName memberships { role organization { id name } } } }' },
      { headers: viaProxy },
    );
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toContain('Query Cost limit of 10');
  });
});
