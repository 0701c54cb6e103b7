import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIGN_IN_THROTTLE_POLICY,
  delayAfterFailures,
  fallbackLimits,
  normalLimits,
  resolveSignInThrottlePolicy,
} from '../../platform/rate-limit/sign-in-policy.js';
import { accountKey, addressKey, addressUnit } from '../../platform/rate-limit/throttle-keys.js';

describe('sign-in throttle policy', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_SIGN_IN_THROTTLE_POLICY).toEqual({
      accountFreeFailures: 5,
      accountBaseDelaySeconds: 1,
      accountMaxDelaySeconds: 900,
      accountStreakSeconds: 86_400,
      addressFailures: 100,
      addressWindowSeconds: 3_600,
      fallbackAccountFreeFailures: 2,
      fallbackAddressFailures: 20,
    });
  });

  it('delays nothing within the free failures, then doubles up to the cap', () => {
    const limits = normalLimits(DEFAULT_SIGN_IN_THROTTLE_POLICY);
    const delays = [0, 4, 5, 6, 7, 14, 15, 1_000].map((n) => delayAfterFailures(n, limits));

    expect(delays).toEqual([0, 0, 1, 2, 4, 512, 900, 900]);
  });

  it('starts delaying earlier in the fallback', () => {
    const limits = fallbackLimits(DEFAULT_SIGN_IN_THROTTLE_POLICY);

    expect([1, 2, 3].map((n) => delayAfterFailures(n, limits))).toEqual([0, 1, 2]);
    expect(limits.addressFailures).toBe(20);
  });

  it('refuses a fallback looser than the normal limits', () => {
    expect(() => resolveSignInThrottlePolicy({ fallbackAddressFailures: 101 })).toThrow(
      new TypeError(
        "Sign-in throttle policy: 'fallbackAddressFailures' must not exceed 'addressFailures'.",
      ),
    );
    expect(() => resolveSignInThrottlePolicy({ accountFreeFailures: 1 })).toThrow(
      new TypeError(
        "Sign-in throttle policy: 'fallbackAccountFreeFailures' must not exceed " +
          "'accountFreeFailures'.",
      ),
    );
  });

  it('refuses durations Redis cannot store', () => {
    expect(() => resolveSignInThrottlePolicy({ accountBaseDelaySeconds: 0.5 })).toThrow(
      new TypeError(
        "Sign-in throttle policy: 'accountBaseDelaySeconds' must be a positive integer.",
      ),
    );
  });
});

describe('sign-in throttle keys', () => {
  it('names accounts by a hash of the normalised address', () => {
    expect(accountKey(' Alice@Example.COM')).toBe(accountKey('alice@example.com'));
    expect(accountKey('alice@example.com')).toMatch(/^[0-9a-f]{32}$/);
    expect(accountKey('alice@example.com')).not.toBe(accountKey('bob@example.com'));
  });

  it('counts IPv4 addresses singly, IPv4-mapped ones as IPv4 and IPv6 by /64', () => {
    expect(addressUnit('203.0.113.7')).toBe('203.0.113.7');
    expect(addressUnit('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressUnit('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:db8:1:2:abcd::1'));
    expect(addressKey('unknown')).toMatch(/^[0-9a-f]{32}$/);
  });
});
