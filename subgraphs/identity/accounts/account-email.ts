import { normalizeEmail } from '../../../platform/graphql/email-address.js';

/**
 * The form of an address that names one account: Unicode NFKC first, then trimmed and
 * lower-cased as a whole (see `normalizeEmail`). NFKC folds look-alike compatibility
 * characters such as fullwidth letters into their plain forms, so `ａｄａ@example.com` and
 * `ada@example.com` are one account, exactly as the sign-in throttle counts them
 * (`normalizeAccount` in platform/rate-limit/throttle-keys.ts).
 */
export function accountEmail(raw: string, field: string): string {
  return normalizeEmail(raw.normalize('NFKC'), field);
}
