import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Servers and programs from outside the project that some suites need. `npm test` must pass
 * on a machine with none of them, so each suite asks here and skips, naming what is missing,
 * instead of failing on a refused connection.
 *
 * - `TEST_DATABASE_URL`: a PostgreSQL server on which suites create and drop databases.
 * - `TEST_REDIS_URL`: a Redis server that suites share, each under a key prefix of its own.
 * - `redis-server` on the PATH: suites that start, kill and restart a Redis of their own.
 * - PostgreSQL's `initdb` and `pg_ctl`, run as root through `runuser -u postgres`: suites that
 *   start and stop a PostgreSQL cluster of their own.
 */

export const testDatabaseServerUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

export const testRedisUrl: string | undefined = process.env.TEST_REDIS_URL || undefined;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of `command` on the PATH, or undefined when it is not installed. */
export function findCommand(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The `bin` folder of the newest PostgreSQL installed the Debian way, if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    return undefined;
  }
  const sorted = versions.filter((version) => /^\d+$/.test(version)).sort((a, b) => +b - +a);
  for (const version of sorted) {
    const bin = path.join(root, version, 'bin');
    if (isExecutable(path.join(bin, 'initdb')) && isExecutable(path.join(bin, 'pg_ctl'))) {
      return bin;
    }
  }
  return undefined;
}

/** Why a private PostgreSQL cluster cannot be started here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!postgresBinDir()) return 'PostgreSQL binaries (initdb, pg_ctl) are not installed';
  if (!findCommand('runuser')) return 'runuser is not installed';
  if (process.getuid?.() !== 0) return 'starting a cluster as the postgres user needs root';
  return undefined;
}

/** Why a private Redis cannot be started here, or undefined when it can. */
export function privateRedisUnavailable(): string | undefined {
  return findCommand('redis-server') ? undefined : 'redis-server is not installed';
}

/** A name suffix that says why a suite is skipped, e.g. " (skipped: set TEST_REDIS_URL)". */
export function skipNote(reasons: readonly (string | undefined)[]): string {
  const missing = reasons.filter((reason): reason is string => reason !== undefined);
  return missing.length === 0 ? '' : ` (skipped: ${missing.join('; ')})`;
}

export const NEEDS_TEST_DATABASE_URL = testDatabaseServerUrl
  ? undefined
  : 'set TEST_DATABASE_URL to a PostgreSQL server';

export const NEEDS_TEST_REDIS_URL = testRedisUrl ? undefined : 'set TEST_REDIS_URL to a Redis';
