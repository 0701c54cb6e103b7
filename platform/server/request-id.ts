import { randomUUID } from 'node:crypto';

/** Header that carries the request id from the gateway to every subgraph and back. */
export const REQUEST_ID_HEADER = 'x-request-id';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Keeps an inbound request id only when it is short and plain, so a caller cannot inject
 * text into log lines; otherwise starts a new one.
 */
export function requestIdFrom(inbound: string | string[] | undefined): string {
  if (typeof inbound === 'string' && SAFE_REQUEST_ID.test(inbound)) return inbound;
  return randomUUID();
}

const assigned = new WeakMap<object, string>();

type HttpRequest = { readonly headers: Record<string, unknown> };

/**
 * Chooses this request's id once: the inbound one when `acceptInbound` and it is safe,
 * otherwise a new one. Later calls, and `requestIdOf`, return the same id.
 */
export function assignRequestId(request: HttpRequest, acceptInbound: boolean): string {
  let id = assigned.get(request);
  if (id === undefined) {
    const inbound = acceptInbound ? request.headers[REQUEST_ID_HEADER] : undefined;
    id = requestIdFrom(inbound as string | undefined);
    assigned.set(request, id);
  }
  return id;
}

/** The one request id of this HTTP request, as the HTTP service assigned it. */
export function requestIdOf(request: HttpRequest): string {
  return assignRequestId(request, true);
}
