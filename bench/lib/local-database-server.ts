/** Host names that put a PostgreSQL server on this machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The command names of processes whose CPU a run counts as its own: a PostgreSQL server on
 * this machine works for the services under measurement, so its time is neither "other
 * processes" nor free. A server elsewhere takes none of this machine's CPU.
 */
export function ownDatabaseProcessNames(databaseServerUrl: string | undefined): string[] {
  if (!databaseServerUrl) return [];
  const { hostname } = new URL(databaseServerUrl);
  return hostname === '' || LOOPBACK_HOSTS.has(hostname) ? ['postgres'] : [];
}
