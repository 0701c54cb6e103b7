import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayAlone, type GatewayAlone } from '../support/gateway-alone.js';

interface Sent {
  readonly status: number;
  readonly requestId: string | null;
  readonly code: unknown;
}

/** Sends one raw HTTP request and returns its status, request id and first error code. */
async function send(url: string, init: RequestInit = {}): Promise<Sent> {
  const response = await fetch(url, init);
  const text = await response.text();
  let code: unknown;
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
    code = body.errors?.[0]?.extensions?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, requestId: response.headers.get('x-request-id'), code };
}

const json = { 'content-type': 'application/json' };

/** Every log line of the request with this id, whatever its message. */
function linesOf(gateway: GatewayAlone, requestId: string | null) {
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  return gateway.logs.records().filter((record) => record.requestId === requestId);
}

describe('requests refused at the HTTP level', () => {
  let gateway: GatewayAlone;

  beforeAll(async () => {
    gateway = await startGatewayAlone();
  });

  afterAll(() => gateway?.stop());

  const cases: readonly [string, () => RequestInit & { path?: string }, number, string][] = [
    [
      'a body over the size limit',
      () => ({
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(300_000)}` }),
      }),
      413,
      'BAD_REQUEST',
    ],
    [
      'malformed JSON',
      () => ({ method: 'POST', headers: json, body: '{"query": ' }),
      400,
      'BAD_REQUEST',
    ],
    ['an unknown route', () => ({ path: '/admin' }), 404, 'NOT_FOUND'],
    [
      'a GET that could be a cross-site request',
      () => ({ path: `/graphql?query=${encodeURIComponent('{ __typename }')}` }),
      400,
      'BAD_REQUEST',
    ],
    [
      'a batch',
      () => ({
        method: 'POST',
        headers: json,
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      }),
      400,
      'BAD_REQUEST',
    ],
  ];

  it.each(cases)(
    '%s: carries a request id and logs one line with it',
    async (_name, build, status, code) => {
      const { path, ...init } = build();
      const url = path ? gateway.url.replace('/graphql', path) : gateway.url;
      const sent = await send(url, init);

      expect(sent).toMatchObject({ status, code });
      const lines = linesOf(gateway, sent.requestId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: 'http request', level: 'info', status, outcome: code });
      expect(typeof lines[0]?.durationMs).toBe('number');
    },
  );

  it('logs an operation that reached the pipeline once, as a GraphQL request', async () => {
    const sent = await send(gateway.url, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: 'query Probe { __typename }' }),
    });
    expect(sent.status).toBe(200);
    const lines = linesOf(gateway, sent.requestId);
    expect(lines.map((line) => line.msg)).toEqual(['graphql request']);
    expect(lines[0]).toMatchObject({ operationName: 'Probe', outcome: 'OK' });
  });

  it('logs a probe once, at debug', async () => {
    const sent = await send(gateway.url.replace('/graphql', '/health'));
    expect(sent.status).toBe(200);
    const lines = linesOf(gateway, sent.requestId);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'http request', level: 'debug', status: 200, outcome: 'OK' }),
    ]);
  });
});

describe('plain HTTP refused in production', () => {
  let gateway: GatewayAlone;

  beforeAll(async () => {
    gateway = await startGatewayAlone({
      env: { NODE_ENV: 'production', TRUSTED_PROXIES: '192.0.2.1' },
    });
  });

  afterAll(() => gateway?.stop());

  it('answers 403 with a request id and logs one line with it', async () => {
    const sent = await send(gateway.url, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(sent).toMatchObject({ status: 403, code: 'BAD_REQUEST' });
    const lines = linesOf(gateway, sent.requestId);
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'http request', status: 403, outcome: 'BAD_REQUEST' }),
    ]);
  });
});
