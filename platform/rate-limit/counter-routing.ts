import type { Logger } from '../logging/logger.js';
import { createFailureCounters, type FailureCounters } from './failure-counters.js';
import { openRedisConnection } from './redis-connection.js';
import { fallbackLimits, normalLimits, type SignInThrottlePolicy } from './sign-in-policy.js';
import type { ThrottleBackend } from './sign-in-throttle.js';

export type CounterWork<T> = (counters: FailureCounters) => Promise<T>;

/** Which counters an operation uses: Redis while it answers, local memory otherwise. */
export interface CounterRouting {
  run<T>(work: CounterWork<T>): Promise<T>;
  /** Runs a clearing operation on every store that may hold counts for the subject. */
  clear(work: CounterWork<unknown>): Promise<void>;
  backend(): ThrottleBackend;
  close(): Promise<void>;
}

export interface CounterRoutingOptions {
  readonly policy: SignInThrottlePolicy;
  readonly keyPrefix: string;
  readonly logger: Logger;
  readonly redisUrl?: string;
}

export function routeCounters(options: CounterRoutingOptions): CounterRouting {
  const { policy, keyPrefix, logger, redisUrl } = options;

  if (!redisUrl) {
    logger.info('Sign-in throttling counts in memory; each instance keeps its own counts');
    const memory = createFailureCounters({ limits: normalLimits(policy), keyPrefix });
    return {
      run: (work) => work(memory),
      clear: async (work) => {
        await work(memory);
      },
      backend: () => 'memory',
      close: async () => undefined,
    };
  }

  const connection = openRedisConnection({ url: redisUrl, logger, purpose: 'sign-in throttling' });
  const shared = createFailureCounters({
    limits: normalLimits(policy),
    keyPrefix,
    redis: connection.client,
  });
  // Never no limit: while Redis is away this process counts alone, with the stricter limits.
  const fallback = createFailureCounters({ limits: fallbackLimits(policy), keyPrefix });

  async function run<T>(work: CounterWork<T>): Promise<T> {
    if (!(await connection.usable())) {
      connection.failed(new Error('connection not ready'));
      return work(fallback);
    }

    try {
      const result = await work(shared);
      connection.succeeded();
      return result;
    } catch (error: unknown) {
      connection.failed(error);
      return work(fallback);
    }
  }

  return {
    run,
    // The local counts go too, so counts left from an earlier outage cannot delay an owner
    // who has since signed in or reset the password when the next outage begins.
    clear: async (work) => {
      await work(fallback);
      await run(work);
    },
    backend: () => (connection.degraded() ? 'memory-fallback' : 'redis'),
    close: () => connection.close(),
  };
}
