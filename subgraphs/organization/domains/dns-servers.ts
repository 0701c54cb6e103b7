import { isIP, isIPv4, isIPv6 } from 'node:net';

/** DNS_SERVERS as written: comma-separated entries, blanks dropped. */
export function dnsServerEntries(servers: string): string[] {
  return servers
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

const isPort = (text: string) =>
  /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65_535;

/**
 * One entry in a form Node's resolver takes: an IPv4 address with an optional port, an IPv6
 * address alone, or one in brackets with an optional port. Checked here, more strictly than
 * `Resolver.setServers` (which lets `10.0.0.1:99999` through), so a typo stops the service at
 * start-up instead of failing every verification later.
 */
function isDnsServer(entry: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    return isIPv6(bracketed[1] ?? '') && (bracketed[2] === undefined || isPort(bracketed[2]));
  }
  if (isIP(entry) !== 0) return true;
  const [host = '', port, ...rest] = entry.split(':');
  return rest.length === 0 && port !== undefined && isIPv4(host) && isPort(port);
}

/** Whether DNS_SERVERS lists at least one server and every entry is one. */
export function areValidDnsServers(servers: string): boolean {
  const entries = dnsServerEntries(servers);
  return entries.length > 0 && entries.every(isDnsServer);
}
