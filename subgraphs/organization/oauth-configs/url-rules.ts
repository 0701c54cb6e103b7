import { badUserInput } from '../../../platform/errors/app-error.js';

const MAX_URL_LENGTH = 2_000;

export interface UrlRules {
  /** In production plain-HTTP redirect URIs are only for loopback addresses of native apps. */
  readonly production: boolean;
  /**
   * NODE_ENV=development, the only place a plain-HTTP issuer is accepted, so a provider
   * running on the developer's machine can be tried without a certificate. Tests and every
   * deployment (test, production) require HTTPS, as OpenID Connect does.
   */
  readonly development: boolean;
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * The issuer identifier as the admin typed it, trimmed. OpenID Connect Core §2 requires a
 * case-sensitive https URL without query or fragment; only development accepts plain HTTP.
 * Tokens are later matched against it character by character, so it is stored as given
 * rather than re-serialised.
 */
export function issuerUrl(raw: string, rules: UrlRules, field = 'input.issuer'): string {
  const issuer = raw.trim();
  const url = issuer.length <= MAX_URL_LENGTH ? parseUrl(issuer) : null;
  if (!url || !/^https?:\/\//i.test(issuer)) {
    throw badUserInput(field, 'The issuer must be an absolute http(s) URL.');
  }
  if (!rules.development && url.protocol !== 'https:') {
    throw badUserInput(field, 'The issuer must use HTTPS; plain HTTP is for development only.');
  }
  if (url.search !== '' || url.hash !== '' || issuer.includes('?') || issuer.includes('#')) {
    throw badUserInput(field, 'The issuer must not have a query or a fragment.');
  }
  if (url.username !== '' || url.password !== '') {
    throw badUserInput(field, 'The issuer must not contain a user name or password.');
  }
  return issuer;
}

/** How a redirect URI is named in a message: quoted when short enough to read. */
const named = (raw: string) => (raw.length <= 200 ? `The redirect URI "${raw}"` : 'A redirect URI');

/** RFC 8252 §7.3: native apps receive the response on a loopback address over plain HTTP. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * One redirect URI, kept exactly as given because the authorization server compares it by
 * exact string match. Fragments are refused (RFC 6749 §3.1.2); plain HTTP is accepted
 * outside production, and in production only for loopback addresses of native apps.
 */
export function redirectUri(raw: string, rules: UrlRules, field: string): string {
  const url = raw.length <= MAX_URL_LENGTH ? parseUrl(raw) : null;
  if (!url || /\s/.test(raw) || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw badUserInput(field, `${named(raw)} must be an absolute http(s) URL.`);
  }
  if (raw.includes('#')) {
    throw badUserInput(field, `${named(raw)} must not have a fragment.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw badUserInput(field, `${named(raw)} must not contain a user name or password.`);
  }
  if (rules.production && url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw badUserInput(
      field,
      `${named(raw)} must use HTTPS; plain HTTP is only for localhost and 127.0.0.1.`,
    );
  }
  return raw;
}
