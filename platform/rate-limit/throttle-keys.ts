import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { foldEmail } from '../graphql/email-address.js';

/**
 * The form of an account name that counts as one account: `Alice@Example.com ` and
 * `alice@example.com` must share one streak, or changing case would reset the delay.
 */
export function normalizeAccount(account: string): string {
  return foldEmail(account);
}

/**
 * The unit a client address is counted in. An IPv6 subscriber is usually handed a whole /64,
 * so counting single IPv6 addresses would let one client rotate through 2^64 of them.
 */
export function addressUnit(address: string): string {
  const trimmed = address.trim();
  if (!ipaddr.isValid(trimmed)) return trimmed.toLowerCase();

  const parsed = ipaddr.process(trimmed);
  if (parsed.kind() === 'ipv4') return parsed.toString();

  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}

/**
 * A store key that names the subject without revealing it: Redis then holds no e-mail or
 * address in clear. 128 bits of SHA-256 keep collisions out of reach; the label keeps an
 * account and an address that happen to be the same string apart.
 */
function digest(label: string, value: string): string {
  return createHash('sha256').update(`${label}\u0000${value}`).digest('hex').slice(0, 32);
}

export function accountKey(account: string): string {
  return digest('account', normalizeAccount(account));
}

export function addressKey(address: string): string {
  return digest('address', addressUnit(address));
}
