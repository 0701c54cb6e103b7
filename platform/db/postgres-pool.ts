import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import { describeCause } from './database-error.js';

/**
 * Without a limit a connection attempt to a host that drops packets waits for the operating
 * system's TCP timeout, minutes long, and a readiness probe would hang with it.
 */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pool for one PostgreSQL database. When the server restarts, its idle connections fail;
 * the pool drops them and opens new ones on demand, so the service recovers by itself.
 */
export function createPostgresPool(databaseUrl: string, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keep-alive notices a server host that vanished without closing its connections.
    keepAlive: true,
  });

  // An idle connection's failure reaches the pool as an 'error' event; with no listener Node
  // would throw it and end the process.
  pool.on('error', (error) => {
    logger.warn(
      { reason: describeCause(error) },
      'an idle PostgreSQL connection failed; the pool will open a new one',
    );
  });

  return pool;
}

/**
 * Runs `work` on one connection of its own, closed afterwards rather than returned to the pool,
 * so nothing it left on the session (an advisory lock, a setting) outlives it.
 */
export async function withDedicatedConnection<T>(
  pool: pg.Pool,
  logger: Logger,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();

  // A checked-out connection has no pool listener either; the query in flight fails anyway.
  const onError = (error: Error) => {
    logger.warn({ reason: describeCause(error) }, 'a dedicated PostgreSQL connection failed');
  };
  client.on('error', onError);

  try {
    return await work(client);
  } finally {
    client.removeListener('error', onError);
    client.release(true);
  }
}
