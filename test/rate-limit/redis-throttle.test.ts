import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInThrottle } from '../../platform/rate-limit/sign-in-throttle.js';
import { accountKey, addressKey } from '../../platform/rate-limit/throttle-keys.js';
import {
  ALLOWED,
  SHARED_REDIS_URL,
  attempt,
  deleteKeys,
  failTimes,
  openThrottle,
  refused,
  storedCounts,
  type TestThrottle,
} from './helpers.js';
import { NEEDS_TEST_REDIS_URL, skipNote } from '../support/external-services.js';

const ALICE = attempt('alice@example.com', '203.0.113.7');

describe.skipIf(NEEDS_TEST_REDIS_URL)(
  `sign-in throttle in Redis${skipNote([NEEDS_TEST_REDIS_URL])}`,
  () => {
    const keyPrefix = `test-sign-in-throttle-${randomUUID()}`;
    const opened: TestThrottle[] = [];

    /** Two instances of the service, sharing one Redis. */
    function openPair(policy = {}): [SignInThrottle, SignInThrottle] {
      const first = openThrottle({ redisUrl: SHARED_REDIS_URL, keyPrefix, policy });
      const second = openThrottle({ redisUrl: SHARED_REDIS_URL, keyPrefix, policy });
      opened.push(first, second);
      return [first.throttle, second.throttle];
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((entry) => entry.throttle.close()));
      await deleteKeys(SHARED_REDIS_URL, keyPrefix);
    });

    it("lets every instance see the other's failures", async () => {
      const [first, second] = openPair();

      await failTimes(first, ALICE, 3);
      expect(await second.check(ALICE)).toEqual(ALLOWED);
      await failTimes(second, ALICE, 2);

      expect(await first.check(ALICE)).toEqual(refused(1));
      expect(await second.check(ALICE)).toEqual(refused(1));
      expect([first.backend(), second.backend()]).toEqual(['redis', 'redis']);
    });

    it('stores hashed keys only, with the counts', async () => {
      const [first] = openPair();
      await failTimes(first, ALICE, 5);

      const account = accountKey('alice@example.com');
      const address = addressKey('203.0.113.7');
      expect(await storedCounts(SHARED_REDIS_URL, keyPrefix)).toEqual(
        [
          [`${keyPrefix}:account-delay:${account}`, '2'],
          [`${keyPrefix}:account-failures:${account}`, '5'],
          [`${keyPrefix}:address-failures:${address}`, '5'],
        ].sort(),
      );
    });

    it("clears the streak for every instance on one instance's success", async () => {
      const [first, second] = openPair();
      await failTimes(first, ALICE, 7);

      await second.recordSuccess(ALICE);

      expect(await first.check(ALICE)).toEqual(ALLOWED);
      expect(await storedCounts(SHARED_REDIS_URL, keyPrefix)).toEqual([
        [`${keyPrefix}:address-failures:${addressKey('203.0.113.7')}`, '7'],
      ]);
    });

    it('lifts the delay for every instance after a password reset', async () => {
      const [first, second] = openPair();
      await failTimes(first, ALICE, 20);
      expect(await second.check(ALICE)).toEqual(refused(900));

      await second.resetAccount('alice@example.com');

      expect(await first.check(ALICE)).toEqual(ALLOWED);
    });

    it('adds up the failures of one address across instances and accounts', async () => {
      const [first, second] = openPair({ addressFailures: 4, fallbackAddressFailures: 2 });
      await failTimes(first, attempt('a@example.com'), 1);
      await failTimes(second, attempt('b@example.com'), 1);
      await failTimes(first, attempt('c@example.com'), 1);
      expect(await second.check(attempt('d@example.com'))).toEqual(ALLOWED);

      await failTimes(second, attempt('d@example.com'), 1);

      const decision = await first.check(attempt('e@example.com'));
      expect(decision.allowed).toBe(false);
      expect(opened.flatMap((entry) => entry.logs.records()).map((record) => record.level)).toEqual(
        [],
      );
    });
  },
);
