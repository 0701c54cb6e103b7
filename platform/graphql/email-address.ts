import { badUserInput } from '../errors/app-error.js';

/** RFC 5321 limits a path to 256 octets, so an address to 254 characters. */
const MAX_EMAIL_LENGTH = 254;

/**
 * The one form of an address every service compares: Unicode NFKC, then trimmed and
 * lower-cased as a whole. RFC 5321 lets the local part be case-sensitive, but no mainstream
 * provider treats it so, and allowing `Ann@` and `ann@` as two accounts invites takeover by
 * look-alike sign-up. NFKC folds compatibility characters such as fullwidth letters into
 * their plain forms, so `ａｄａ@example.com` is `ada@example.com` for accounts, invitations,
 * domains and the sign-in throttle alike. It checks nothing; `normalizeEmail` also validates.
 */
export function foldEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

/** An address from a client, folded (see `foldEmail`) and checked; BAD_USER_INPUT if invalid. */
export function normalizeEmail(raw: string, field: string): string {
  const email = foldEmail(raw);
  if (email.length > MAX_EMAIL_LENGTH) {
    throw badUserInput(field, `The email address must be at most ${MAX_EMAIL_LENGTH} characters.`);
  }
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const valid =
    at > 0 &&
    !/\s/.test(email) &&
    local.length <= 64 &&
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(
      domain,
    );
  if (!valid) throw badUserInput(field, 'The email address is not valid.');
  return email;
}
