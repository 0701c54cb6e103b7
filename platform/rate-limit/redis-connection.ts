import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/**
 * A Redis client for counters that must never hold up a sign-in: when Redis does not answer,
 * commands fail at once and the caller counts elsewhere, while the client keeps reconnecting
 * in the background so the shared counters return with Redis.
 */
export interface RedisConnection {
  readonly client: Redis;
  /**
   * Whether commands can be sent now. Waits only for the very first connection to settle, so
   * a fresh process starts on the shared counters instead of on the fallback.
   */
  usable(): Promise<boolean>;
  /** True from the first failure until Redis answers again. */
  degraded(): boolean;
  /** A command went through: Redis is answering. */
  succeeded(): void;
  /** A command failed: count elsewhere until Redis answers again. */
  failed(reason: unknown): void;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  readonly url: string;
  readonly logger: Logger;
  /** What the counters are for, named in the two log lines about an outage. */
  readonly purpose: string;
}

// A sign-in waits for Redis at most this long; past it, the fallback decides.
const CONNECT_TIMEOUT_MS = 1_000;
const COMMAND_TIMEOUT_MS = 500;
// Reconnecting forever, at most a second apart: cheap for Redis, and the shared counters are
// back within a second or so of Redis.
const MAX_RECONNECT_DELAY_MS = 1_000;

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

export function openRedisConnection(options: RedisConnectionOptions): RedisConnection {
  const { logger, purpose } = options;

  const client = new Redis(options.url, {
    // Without a queue a command sent while disconnected is refused at once instead of
    // waiting for a reconnect that may never come.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });

  let state: 'connecting' | 'healthy' | 'degraded' = 'connecting';
  let closing = false;

  let settleFirstConnection: () => void = () => undefined;
  const firstConnection = new Promise<void>((resolve) => {
    settleFirstConnection = resolve;
  });
  // Bounded even if the client never reports either way, e.g. a peer that accepts the
  // connection but never answers the ready check.
  setTimeout(() => settleFirstConnection(), CONNECT_TIMEOUT_MS + COMMAND_TIMEOUT_MS).unref();

  function succeeded(): void {
    settleFirstConnection();
    if (state === 'degraded') {
      logger.info({ purpose }, 'Redis answers again; counting in Redis');
    }
    state = 'healthy';
  }

  function failed(reason: unknown): void {
    settleFirstConnection();
    if (closing) return;
    // Once per outage, not once per request or per reconnect attempt.
    if (state !== 'degraded') {
      logger.warn(
        { purpose, reason: describe(reason) },
        'Redis unreachable; counting in local memory with stricter limits',
      );
    }
    state = 'degraded';
  }

  client.on('ready', succeeded);
  // An 'error' listener is required anyway: without one the client reports every failed
  // reconnect on stderr.
  client.on('error', failed);
  client.on('close', () => failed(new Error('connection closed')));

  return {
    client,

    async usable() {
      await firstConnection;
      return client.status === 'ready';
    },

    degraded: () => state === 'degraded',
    succeeded,
    failed,

    async close() {
      closing = true;
      settleFirstConnection();
      if (client.status === 'ready') {
        try {
          await client.quit();
          return;
        } catch {
          // Already going away; disconnecting below ends it either way.
        }
      }
      client.disconnect();
    },
  };
}
