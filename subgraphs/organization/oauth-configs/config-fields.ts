import type { MembershipRole, OAuthConfigType } from '../../../generated/prisma/client.js';
import { badUserInput } from '../../../platform/errors/app-error.js';
import { boundedText } from '../../../platform/graphql/bounded-text.js';
import { normalizeDomain } from '../domains/domain-name.js';
import { issuerUrl, redirectUri, type UrlRules } from './url-rules.js';

/** What the admin sends for a configuration, the secret and bookkeeping aside. */
export interface OAuthConfigInput {
  readonly name: string;
  readonly title: string;
  readonly type: OAuthConfigType;
  readonly issuer: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly domains: readonly string[];
  readonly autoProvision: boolean;
  readonly defaultRole: MembershipRole;
}

/** The same, validated and normalised, ready to store. */
export type OAuthConfigFields = OAuthConfigInput & {
  readonly scopes: string[];
  readonly redirectUris: string[];
  readonly domains: string[];
};

/** Function definitions refer to a configuration by this name. */
const NAME = /^[a-z0-9-]{1,64}$/;
/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/;
const MAX_LIST_LENGTH = 50;

function boundedList(values: readonly string[], field: string, what: string): void {
  if (values.length > MAX_LIST_LENGTH) {
    throw badUserInput(field, `At most ${MAX_LIST_LENGTH} ${what} are allowed.`);
  }
}

function scopesOf(values: readonly string[]): string[] {
  boundedList(values, 'input.scopes', 'scopes');
  for (const scope of values) {
    if (!SCOPE_TOKEN.test(scope)) {
      throw badUserInput('input.scopes', 'A scope is a single word of printable characters.');
    }
  }
  // OpenID Connect Core §3.1.2.1: without `openid` the request is plain OAuth 2.0.
  if (!values.includes('openid')) {
    throw badUserInput('input.scopes', 'The scopes must include "openid".');
  }
  return [...new Set(values)];
}

function redirectUrisOf(values: readonly string[], rules: UrlRules): string[] {
  boundedList(values, 'input.redirectUris', 'redirect URIs');
  if (values.length === 0) {
    throw badUserInput('input.redirectUris', 'At least one redirect URI is needed.');
  }
  return [...new Set(values.map((value) => redirectUri(value, rules, 'input.redirectUris')))];
}

function domainsOf(values: readonly string[]): string[] {
  boundedList(values, 'input.domains', 'domains');
  return [...new Set(values.map((value) => normalizeDomain(value, 'input.domains')))];
}

/**
 * Validates a configuration as an admin saves it and returns what is stored. Throws
 * BAD_USER_INPUT naming the field; the issuer's discovery document is checked separately.
 */
export function oauthConfigFields(input: OAuthConfigInput, rules: UrlRules): OAuthConfigFields {
  if (!NAME.test(input.name)) {
    throw badUserInput(
      'input.name',
      'The name must be 1 to 64 lowercase letters, digits or hyphens, e.g. "corporate-sso".',
    );
  }
  const title = boundedText(input.title, {
    field: 'input.title',
    label: 'The title',
    maxLength: 100,
  });
  const clientId = boundedText(input.clientId, {
    field: 'input.clientId',
    label: 'The client id',
    maxLength: 255,
  });

  return {
    name: input.name,
    title,
    type: input.type,
    issuer: issuerUrl(input.issuer, rules),
    clientId,
    scopes: scopesOf(input.scopes),
    redirectUris: redirectUrisOf(input.redirectUris, rules),
    domains: domainsOf(input.domains),
    autoProvision: input.autoProvision,
    defaultRole: input.defaultRole,
  };
}
