import { Resolver } from 'node:dns/promises';
import { dnsServerEntries } from './dns-servers.js';

/** What a TXT lookup found: the expected value, no such value, or no answer at all. */
export type TxtLookupOutcome =
  | { readonly kind: 'found' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly code: string };

export interface TxtLookupOptions {
  /** The record's owner name, e.g. `_federated-identity-challenge.example.com`. */
  readonly name: string;
  /** The value one of its TXT records must hold. */
  readonly value: string;
  /** DNS_SERVERS: comma-separated `ip:port` entries; the system's resolver when unset. */
  readonly servers?: string | undefined;
  /** Upper bound for the whole lookup, retries included. */
  readonly timeoutMs?: number;
}

// A name without the record (NXDOMAIN, or NOERROR without TXT data) is an answer, not a failure.
const NO_SUCH_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

const DEFAULT_TIMEOUT_MS = 5_000;

function resolverFor(servers: string | undefined, timeoutMs: number): Resolver {
  // Two tries per server, so one lost UDP packet does not fail a verification.
  const resolver = new Resolver({ timeout: Math.ceil(timeoutMs / 3), tries: 2 });
  if (servers === undefined || servers.trim() === '') return resolver;
  // The configuration was validated at start-up (organization-config.ts).
  resolver.setServers(dnsServerEntries(servers));
  return resolver;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/**
 * Looks up the TXT records at a name and tells whether one holds the value. The strings of a
 * record are joined first, as a long value may be split into 255-byte strings (RFC 1035
 * §3.3.14). The lookup is cancelled when it outlives `timeoutMs`.
 */
export async function lookupTxtRecord(options: TxtLookupOptions): Promise<TxtLookupOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const resolver = resolverFor(options.servers, timeoutMs);
  const deadline = setTimeout(() => resolver.cancel(), timeoutMs);

  try {
    const records = await resolver.resolveTxt(options.name);
    const found = records.some((strings) => strings.join('').trim() === options.value);
    return found ? { kind: 'found' } : { kind: 'missing' };
  } catch (error) {
    const code = errorCode(error);
    if (NO_SUCH_RECORD.has(code)) return { kind: 'missing' };
    return { kind: 'failed', code: code === 'ECANCELLED' ? 'ETIMEOUT' : code };
  } finally {
    clearTimeout(deadline);
  }
}
