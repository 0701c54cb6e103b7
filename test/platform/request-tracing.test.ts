import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client.js';
import { startSystem, type TestSystem } from '../support/system.js';

describe('request ids and logs', () => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startSystem({ databaseKind: 'pglite' });
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
});
