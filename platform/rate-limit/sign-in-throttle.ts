import type { Logger } from '../logging/logger.js';
import { routeCounters } from './counter-routing.js';
import type { AttemptKeys } from './failure-counters.js';
import { resolveSignInThrottlePolicy, type SignInThrottlePolicy } from './sign-in-policy.js';
import { accountKey, addressKey } from './throttle-keys.js';

/** One sign-in attempt: the account named (an e-mail address) and the client's address. */
export interface SignInAttempt {
  readonly account: string;
  readonly address: string;
}

export type ThrottleDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Where the counters live right now. */
export type ThrottleBackend = 'redis' | 'memory' | 'memory-fallback';

/**
 * Throttling of failed sign-ins, per account and per client address. Each call stands for
 * one attempt, so attempts packed into one request as aliases are counted one by one.
 */
export interface SignInThrottle {
  /** Before any password work: may this attempt proceed? Does not count it. */
  check(attempt: SignInAttempt): Promise<ThrottleDecision>;
  /** After a wrong password or unknown account: counts the failure. */
  recordFailure(attempt: SignInAttempt): Promise<void>;
  /** After a correct password: clears the account's consecutive failures. */
  recordSuccess(attempt: SignInAttempt): Promise<void>;
  /** After a password reset: clears the account's delay so the owner can sign in. */
  resetAccount(account: string): Promise<void>;
  /** 'redis' | 'memory' | 'memory-fallback' (Redis configured but unreachable now). */
  readonly backend: () => ThrottleBackend;
  close(): Promise<void>;
}

export interface SignInThrottleOptions {
  /** Shared counters in Redis, so every instance sees every failure; memory otherwise. */
  readonly redisUrl?: string;
  /** Prefix of every Redis key; tests give each run its own. */
  readonly keyPrefix?: string;
  readonly logger: Logger;
  readonly policy?: Partial<SignInThrottlePolicy>;
}

const DEFAULT_KEY_PREFIX = 'sign-in-throttle';

function keysOf(attempt: SignInAttempt): AttemptKeys {
  return { account: accountKey(attempt.account), address: addressKey(attempt.address) };
}

/**
 * The sign-in throttle of `sign-in-policy.ts`, counting in Redis when `redisUrl` is set and
 * in memory otherwise; an unreachable Redis falls back to stricter local limits.
 */
export function createSignInThrottle(options: SignInThrottleOptions): SignInThrottle {
  const routing = routeCounters({
    policy: resolveSignInThrottlePolicy(options.policy),
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
    logger: options.logger,
    redisUrl: options.redisUrl,
  });

  return {
    check: (attempt) => routing.run((counters) => counters.check(keysOf(attempt))),

    recordFailure: (attempt) => routing.run((counters) => counters.recordFailure(keysOf(attempt))),

    // The address keeps its count: otherwise whoever holds one account could wipe the count
    // of an address spraying guesses at others by signing in to it now and then.
    recordSuccess: (attempt) => {
      const account = accountKey(attempt.account);
      return routing.clear((counters) => counters.clearAccount(account));
    },

    resetAccount: (account) => {
      const key = accountKey(account);
      return routing.clear((counters) => counters.clearAccount(key));
    },

    backend: () => routing.backend(),
    close: () => routing.close(),
  };
}
