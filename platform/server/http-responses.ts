import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors/codes.js';
import { recordOutcome } from './request-log.js';

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** An error outside GraphQL execution, still shaped as a GraphQL response for clients. */
export function sendRequestError(
  response: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  recordOutcome(response, code);
  sendJson(response, status, { errors: [{ message, extensions: { code } }] }, headers);
}
