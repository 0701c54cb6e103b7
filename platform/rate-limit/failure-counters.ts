import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';
import { delayAfterFailures, type StoreLimits } from './sign-in-policy.js';
import type { ThrottleDecision } from './sign-in-throttle.js';

/** The hashed subjects of one attempt, as stored. */
export interface AttemptKeys {
  readonly account: string;
  readonly address: string;
}

/** The counters of the policy held in one store, Redis or this process's memory. */
export interface FailureCounters {
  check(keys: AttemptKeys): Promise<ThrottleDecision>;
  recordFailure(keys: AttemptKeys): Promise<void>;
  clearAccount(account: string): Promise<void>;
}

export interface FailureCountersOptions {
  readonly limits: StoreLimits;
  readonly keyPrefix: string;
  /** Counts in Redis when given, otherwise in memory. */
  readonly redis?: Redis;
}

type Limiter = Pick<RateLimiterAbstract, 'get' | 'penalty' | 'block' | 'delete'>;

function limiter(options: FailureCountersOptions, name: string, points: number, duration: number) {
  const settings = { keyPrefix: `${options.keyPrefix}:${name}`, points, duration };
  if (!options.redis) return new RateLimiterMemory(settings);

  // No insuranceLimiter: it would hide which store answered, and the caller must know that
  // to apply the stricter fallback limits to all three counters alike. Refusing at once while
  // the connection is not ready lets the caller fall back without a command timing out.
  return new RateLimiterRedis({
    ...settings,
    storeClient: options.redis,
    rejectIfRedisNotReady: true,
  });
}

/** Milliseconds still to wait, or 0; a key without expiry would never count as waiting. */
function remainingMs(result: RateLimiterRes | null): number {
  return result && result.msBeforeNext > 0 ? result.msBeforeNext : 0;
}

export function createFailureCounters(options: FailureCountersOptions): FailureCounters {
  const { limits } = options;

  // A streak is a plain counter: its `points` only sets what the library reports as remaining;
  // the delay is derived from the count here.
  const streaks: Limiter = limiter(
    options,
    'account-failures',
    limits.accountFreeFailures,
    limits.accountStreakSeconds,
  );
  // A delay is a key blocked for as long as the account must wait.
  const delays: Limiter = limiter(options, 'account-delay', 1, limits.accountMaxDelaySeconds);
  // Fixed windows: once over the limit, an address waits for the rest of its window.
  const addresses: Limiter = limiter(
    options,
    'address-failures',
    limits.addressFailures,
    limits.addressWindowSeconds,
  );

  return {
    async check(keys) {
      const [delay, address] = await Promise.all([
        delays.get(keys.account),
        addresses.get(keys.address),
      ]);

      const accountWait = remainingMs(delay);
      const addressFull = address !== null && address.consumedPoints >= limits.addressFailures;
      const addressWait = addressFull ? remainingMs(address) : 0;

      const wait = Math.max(accountWait, addressWait);
      if (wait === 0) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    },

    async recordFailure(keys) {
      const [streak] = await Promise.all([
        streaks.penalty(keys.account),
        addresses.penalty(keys.address),
      ]);

      const seconds = delayAfterFailures(streak.consumedPoints, limits);
      if (seconds > 0) await delays.block(keys.account, seconds);
    },

    async clearAccount(account) {
      await Promise.all([streaks.delete(account), delays.delete(account)]);
    },
  };
}
