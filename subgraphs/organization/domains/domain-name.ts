import { domainToASCII } from 'node:url';
import { badUserInput } from '../../../platform/errors/app-error.js';
import { isPublicMailDomain } from './public-mail-domains.js';

/** RFC 1035 §2.3.4: at most 253 characters in text form, labels of 1 to 63. */
const MAX_DOMAIN_LENGTH = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function describe(raw: string): string {
  return raw.length <= MAX_DOMAIN_LENGTH ? `"${raw}"` : 'The value';
}

/**
 * A domain as an organization claims it: trimmed, lowercase, without the root's trailing dot,
 * internationalised names in their ASCII (punycode) form. It must be a host name with at least
 * one dot and not belong to a public mail provider; `field` names the argument in errors.
 */
export function normalizeDomain(raw: string, field: string): string {
  const trimmed = raw.trim().toLowerCase().replace(/\.$/, '');
  const domain = trimmed === '' ? '' : domainToASCII(trimmed);
  const labels = domain.split('.');

  const isHostName =
    domain.length > 0 &&
    domain.length <= MAX_DOMAIN_LENGTH &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    // A numeric last label would make an IPv4 address pass as a name.
    !/^\d+$/.test(labels[labels.length - 1] ?? '');
  if (!isHostName) {
    throw badUserInput(field, `${describe(raw)} is not a domain name such as example.com.`);
  }

  if (isPublicMailDomain(domain)) {
    throw badUserInput(
      field,
      `"${domain}" is a public mail domain where anyone can get an address; add a domain ` +
        'your organization owns.',
    );
  }
  return domain;
}
