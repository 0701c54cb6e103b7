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

/** The one request id of this HTTP request, chosen on first use. */
export function requestIdOf(request: { readonly headers: Record<string, unknown> }): string {
  let id = assigned.get(request);
  if (id === undefined) {
    id = requestIdFrom(request.headers[REQUEST_ID_HEADER] as string | undefined);
    assigned.set(request, id);
  }
  return id;
}
