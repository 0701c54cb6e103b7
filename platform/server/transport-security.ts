import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { isFromTrustedProxy, type TrustedProxies } from './client-address.js';

export interface TransportPolicy {
  /** In production, plain HTTP is refused unless a trusted TLS-terminating proxy relayed it. */
  readonly requireHttps: boolean;
  readonly trustedProxies: TrustedProxies;
}

/** One year, with subdomains: the value browsers' preload lists expect (RFC 6797). */
export const HSTS_HEADER_VALUE = 'max-age=31536000; includeSubDomains';

/** Whether the client's connection to us, or to the proxy in front of us, used TLS. */
export function arrivedOverTls(request: IncomingMessage, policy: TransportPolicy): boolean {
  if ((request.socket as TLSSocket).encrypted) return true;
  if (!isFromTrustedProxy(request, policy.trustedProxies)) return false;

  const proto = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}
