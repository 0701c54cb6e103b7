import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.js';
import { postGraphQL } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';

describe.each(testDatabaseKinds)('request ids and logs (%s)', (databaseKind) => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startSystem({ databaseKind });
    token = await system.tokenFor((await system.createUser()).id);
  });

  afterAll(() => system?.stop());

  it('logs one line per request on the gateway and each subgraph it called, sharing an id', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: 'query Me { me { id memberships { role } } }' },
      { token },
    );
    const requestId = response.headers.get('x-request-id');
    const lines = system.logs.records('graphql request').filter((r) => r.requestId === requestId);

    expect(lines.map((line) => line.service).sort()).toEqual([
      'gateway',
      'identity',
      'organization',
    ]);
    const gatewayLine = lines.find((line) => line.service === 'gateway');
    expect(gatewayLine).toMatchObject({ operationName: 'Me', outcome: 'OK', level: 'info' });
    expect(typeof gatewayLine?.durationMs).toBe('number');
  });

  it('never writes the token into any log line', async () => {
    await postGraphQL(system.gatewayUrl, { query: '{ me { id } }' }, { token });
    expect(system.logs.lines.length).toBeGreaterThan(0);
    for (const line of system.logs.lines) expect(line).not.toContain(token);
  });

  it('ignores a client’s forwarding and request-id headers it cannot vouch for', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id } }' },
      {
        token,
        headers: { 'x-forwarded-for': '198.51.100.7', 'x-request-id': 'bad id {"level":"fatal"}' },
      },
    );
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const identityLine = system.logs
      .records('graphql request')
      .find((record) => record.service === 'identity' && record.requestId === requestId);
    expect(identityLine?.clientAddress).toBe('127.0.0.1');
  });

  it('replaces a well-formed request id from a client that is not a trusted proxy', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id } }' },
      { token, headers: { 'x-request-id': 'chosen-by-the-client' } },
    );
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const services = system.logs
      .records('graphql request')
      .filter((record) => record.requestId === 'chosen-by-the-client');
    expect(services).toEqual([]);
  });
});

describe('request ids behind a trusted proxy', () => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startSystem({
      databaseKind: 'pglite',
      gatewayEnv: { TRUSTED_PROXIES: '127.0.0.1' },
    });
    token = await system.tokenFor((await system.createUser()).id);
  });

  afterAll(() => system?.stop());

  it('keeps the proxy’s request id and passes it to every subgraph', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id memberships { role } } }' },
      { token, headers: { 'x-request-id': 'proxy-assigned.42' } },
    );
    expect(response.headers.get('x-request-id')).toBe('proxy-assigned.42');
    const services = system.logs
      .records('graphql request')
      .filter((record) => record.requestId === 'proxy-assigned.42')
      .map((record) => record.service);
    expect(services.sort()).toEqual(['gateway', 'identity', 'organization']);
  });

  it('still replaces one that could inject text into log lines', async () => {
    const response = await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id } }' },
      { token, headers: { 'x-request-id': 'bad id {"level":"fatal"}' } },
    );
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
