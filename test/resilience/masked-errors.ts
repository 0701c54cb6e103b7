import { expect } from 'vitest';
import { errorCodes, type GraphQLResponse } from '../support/graphql-client.js';

/** What a masked error must never reveal: addresses, ports, causes, stack frames, paths. */
const LEAKS: readonly RegExp[] = [
  /127\.0\.0\.1/,
  /localhost/,
  /:\d{2,5}\b/,
  /ECONNREFUSED|ECONNRESET|socket hang up|fetch failed/i,
  /\bat .*\.(ts|js)\b/,
  /\/work\/|\/tmp\//,
  /postgres(ql)?:\/\//i,
];

/** Exactly one error, `UPSTREAM_ERROR`, whose text and extensions give nothing away. */
export function expectMaskedUpstreamError(response: GraphQLResponse): void {
  expect(errorCodes(response)).toEqual(['UPSTREAM_ERROR']);
  expectNothingLeaked(response);
  expect(Object.keys(response.body.errors?.[0]?.extensions ?? {})).toEqual(['code']);
}

/** No error of the response names a host, port, cause or file. */
export function expectNothingLeaked(response: GraphQLResponse): void {
  const text = JSON.stringify(response.body.errors ?? []);
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}
