/**
 * The numbers behind sign-in throttling. Every count is of failed sign-ins: a correct password
 * never costs anything, so an owner who types it right is never slowed by their own history.
 */
export interface SignInThrottlePolicy {
  /** Consecutive failures on one account that are not delayed at all. */
  readonly accountFreeFailures: number;
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  readonly accountBaseDelaySeconds: number;
  /** The longest wait an account can be put under, however many failures it collects. */
  readonly accountMaxDelaySeconds: number;
  /** How long a streak of failures is remembered, counted from its first failure. */
  readonly accountStreakSeconds: number;
  /** Failures from one client address, across all accounts, within one window. */
  readonly addressFailures: number;
  readonly addressWindowSeconds: number;
  /** `accountFreeFailures` while Redis is unreachable and each instance counts alone. */
  readonly fallbackAccountFreeFailures: number;
  /** `addressFailures` while Redis is unreachable and each instance counts alone. */
  readonly fallbackAddressFailures: number;
}

export const DEFAULT_SIGN_IN_THROTTLE_POLICY: SignInThrottlePolicy = {
  // Five covers the typos and the wrong password manager entry of a real person.
  accountFreeFailures: 5,
  // 1, 2, 4, ... seconds: an owner who mistypes twice more waits seconds, while a guesser
  // gets about a hundred tries a day once the cap is reached.
  accountBaseDelaySeconds: 1,
  // A delay, never a lock: whoever fails on purpose can hold the owner back by at most
  // fifteen minutes, and a password reset lifts even that.
  accountMaxDelaySeconds: 15 * 60,
  accountStreakSeconds: 24 * 60 * 60,
  // A shared office or carrier NAT signs in many people from one address; a hundred failures
  // an hour is far above their mistakes and far below what spraying passwords needs.
  addressFailures: 100,
  addressWindowSeconds: 60 * 60,
  // During an outage every instance counts on its own, so an attacker who spreads attempts
  // over the instances multiplies the budget by their number. Smaller budgets keep the sum
  // near the normal limits for a fleet of a few instances.
  fallbackAccountFreeFailures: 2,
  fallbackAddressFailures: 20,
};

/** The limits one store applies: the normal ones, or the strict ones of the fallback. */
export interface StoreLimits {
  readonly accountFreeFailures: number;
  readonly accountBaseDelaySeconds: number;
  readonly accountMaxDelaySeconds: number;
  readonly accountStreakSeconds: number;
  readonly addressFailures: number;
  readonly addressWindowSeconds: number;
}

const POSITIVE_FIELDS = [
  'accountBaseDelaySeconds',
  'accountMaxDelaySeconds',
  'accountStreakSeconds',
  'addressFailures',
  'addressWindowSeconds',
  'fallbackAddressFailures',
] as const;

const NON_NEGATIVE_FIELDS = ['accountFreeFailures', 'fallbackAccountFreeFailures'] as const;

/** Pairs whose first member must not exceed the second. */
const ORDERED_FIELDS = [
  ['fallbackAccountFreeFailures', 'accountFreeFailures'],
  ['fallbackAddressFailures', 'addressFailures'],
  ['accountBaseDelaySeconds', 'accountMaxDelaySeconds'],
] as const;

/**
 * The defaults with the given fields replaced. Redis expires keys in whole seconds, hence
 * integers throughout; a fallback looser than the normal limits is refused because the
 * fallback exists to be the stricter of the two.
 */
export function resolveSignInThrottlePolicy(
  overrides: Partial<SignInThrottlePolicy> = {},
): SignInThrottlePolicy {
  const policy: SignInThrottlePolicy = { ...DEFAULT_SIGN_IN_THROTTLE_POLICY, ...overrides };

  for (const field of POSITIVE_FIELDS) {
    if (!Number.isSafeInteger(policy[field]) || policy[field] < 1) {
      throw new TypeError(`Sign-in throttle policy: '${field}' must be a positive integer.`);
    }
  }
  for (const field of NON_NEGATIVE_FIELDS) {
    if (!Number.isSafeInteger(policy[field]) || policy[field] < 0) {
      throw new TypeError(`Sign-in throttle policy: '${field}' must be a non-negative integer.`);
    }
  }

  for (const [lower, upper] of ORDERED_FIELDS) {
    if (policy[lower] > policy[upper]) {
      throw new TypeError(`Sign-in throttle policy: '${lower}' must not exceed '${upper}'.`);
    }
  }

  return policy;
}

export function normalLimits(policy: SignInThrottlePolicy): StoreLimits {
  return {
    accountFreeFailures: policy.accountFreeFailures,
    accountBaseDelaySeconds: policy.accountBaseDelaySeconds,
    accountMaxDelaySeconds: policy.accountMaxDelaySeconds,
    accountStreakSeconds: policy.accountStreakSeconds,
    addressFailures: policy.addressFailures,
    addressWindowSeconds: policy.addressWindowSeconds,
  };
}

export function fallbackLimits(policy: SignInThrottlePolicy): StoreLimits {
  return {
    ...normalLimits(policy),
    accountFreeFailures: policy.fallbackAccountFreeFailures,
    addressFailures: policy.fallbackAddressFailures,
  };
}

/**
 * Seconds the next attempt on an account must wait after its `failures`-th consecutive
 * failure: none while within the free failures, then base * 2^(failures - free), capped.
 */
export function delayAfterFailures(failures: number, limits: StoreLimits): number {
  const beyond = failures - limits.accountFreeFailures;
  if (beyond < 0) return 0;

  // The exponent is bounded so the power stays finite; the cap is reached long before.
  const doubling = 2 ** Math.min(beyond, 52);
  return Math.min(limits.accountBaseDelaySeconds * doubling, limits.accountMaxDelaySeconds);
}
