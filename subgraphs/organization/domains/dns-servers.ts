import { Resolver } from 'node:dns/promises';

/** DNS_SERVERS as written: comma-separated entries, blanks dropped. */
export function dnsServerEntries(servers: string): string[] {
  return servers
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * Whether Node's resolver accepts every entry (an IP address, optionally with a port, IPv6
 * in brackets when it has one). Checked at start-up with the same parser that later uses
 * them, so a value that passes here cannot fail a verification afterwards.
 */
export function areValidDnsServers(servers: string): boolean {
  const entries = dnsServerEntries(servers);
  if (entries.length === 0) return false;
  try {
    new Resolver().setServers(entries);
    return true;
  } catch {
    return false;
  }
}
