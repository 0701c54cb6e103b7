import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

/** Addresses of proxies whose `X-Forwarded-*` headers we believe; nobody else's. */
export type TrustedProxies = ReadonlySet<string>;

export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  try {
    const parsed = ipaddr.process(address);
    return parsed.toString();
  } catch {
    return address;
  }
}

export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return new Set(entries.map(normalizeAddress));
}

export function isFromTrustedProxy(request: IncomingMessage, proxies: TrustedProxies): boolean {
  return proxies.has(normalizeAddress(request.socket.remoteAddress));
}

/**
 * The address of the client as far as we can prove it: the peer itself, or, when the peer is
 * a trusted proxy, the nearest address in `X-Forwarded-For` that is not a trusted proxy.
 */
export function clientAddressOf(request: IncomingMessage, proxies: TrustedProxies): string {
  const peer = normalizeAddress(request.socket.remoteAddress);
  if (!proxies.has(peer)) return peer;

  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => normalizeAddress(entry.trim()))
    .filter((entry) => entry !== 'unknown');

  for (let index = forwarded.length - 1; index >= 0; index -= 1) {
    const hop = forwarded[index];
    if (hop && !proxies.has(hop)) return hop;
  }
  return peer;
}
