import { readFileSync } from 'node:fs';

const LIST_FILE = new URL('./public-mail-domains.txt', import.meta.url);

/** Second-level labels under which country domains hand out names, as in gmx.co.uk. */
const COUNTRY_SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'ne', 'or']);

interface PublicMailList {
  /** Domains listed as they are, e.g. gmail.com. */
  readonly domains: ReadonlySet<string>;
  /** Providers listed as `name.*`, present under many country domains. */
  readonly brands: ReadonlySet<string>;
}

function readList(): PublicMailList {
  const entries = readFileSync(LIST_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return {
    domains: new Set(entries.filter((entry) => !entry.endsWith('.*'))),
    brands: new Set(entries.filter((entry) => entry.endsWith('.*')).map((e) => e.slice(0, -2))),
  };
}

const list = readList();

/** Whether labels form a top-level domain, or a country's second level such as co.uk. */
function isRegistrySuffix(labels: readonly string[]): boolean {
  if (labels.length === 1) return true;
  const [second, country] = labels;
  return (
    labels.length === 2 &&
    second !== undefined &&
    COUNTRY_SECOND_LEVELS.has(second) &&
    country?.length === 2
  );
}

/**
 * Whether a normalised domain belongs to a public mail provider (gmail.com, gmx.de, …), or is
 * a subdomain of one. Anyone can have an address there, so it says nothing about who belongs
 * to an organization.
 */
export function isPublicMailDomain(domain: string): boolean {
  const labels = domain.split('.');
  for (let start = 0; start < labels.length - 1; start += 1) {
    const suffix = labels.slice(start);
    if (list.domains.has(suffix.join('.'))) return true;
    const [brand, ...rest] = suffix;
    if (brand !== undefined && list.brands.has(brand) && isRegistrySuffix(rest)) return true;
  }
  return false;
}
