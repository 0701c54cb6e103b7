import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignInThrottle } from '../../platform/rate-limit/sign-in-throttle.js';
import {
  ALLOWED,
  attempt,
  failTimes,
  openThrottle,
  refused,
  type TestThrottle,
} from './helpers.js';

const ALICE = attempt('alice@example.com');

describe('sign-in throttle in memory (no REDIS_URL)', () => {
  let opened: TestThrottle | undefined;

  function open(policy = {}): SignInThrottle {
    opened = openThrottle({ policy });
    return opened.throttle;
  }

  afterEach(async () => {
    vi.useRealTimers();
    await opened?.throttle.close();
    opened = undefined;
  });

  it('counts in memory and says so once', () => {
    const throttle = open();

    expect(throttle.backend()).toBe('memory');
    expect(opened?.logs.records().map((record) => [record.level, record.msg])).toEqual([
      ['info', 'Sign-in throttling counts in memory; each instance keeps its own counts'],
    ]);
  });

  it('lets five failures through and delays the sixth attempt by one second', async () => {
    const throttle = open();

    for (let count = 0; count < 5; count += 1) {
      expect(await throttle.check(ALICE)).toEqual(ALLOWED);
      await throttle.recordFailure(ALICE);
    }

    expect(await throttle.check(ALICE)).toEqual(refused(1));
  });

  it('doubles the delay with each further failure and caps it at fifteen minutes', async () => {
    const throttle = open();
    await failTimes(throttle, ALICE, 5);

    const delays: number[] = [];
    for (let count = 0; count < 12; count += 1) {
      const decision = await throttle.check(ALICE);
      delays.push(decision.allowed ? 0 : decision.retryAfterSeconds);
      await throttle.recordFailure(ALICE);
    }

    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('lets the account try again once the delay has passed', async () => {
    vi.useFakeTimers();
    const throttle = open();
    await failTimes(throttle, ALICE, 6);
    expect(await throttle.check(ALICE)).toEqual(refused(2));

    vi.advanceTimersByTime(1_999);
    expect(await throttle.check(ALICE)).toEqual(refused(1));

    vi.advanceTimersByTime(1);
    expect(await throttle.check(ALICE)).toEqual(ALLOWED);
  });

  it('delays the account from every address, and no other account', async () => {
    const throttle = open();
    await failTimes(throttle, ALICE, 5);

    expect(await throttle.check(attempt('alice@example.com', '198.51.100.1'))).toEqual(refused(1));
    expect(await throttle.check(attempt('bob@example.com'))).toEqual(ALLOWED);
  });

  it('treats case and surrounding space in the e-mail address as the same account', async () => {
    const throttle = open();
    await failTimes(throttle, attempt('Alice@Example.com'), 3);
    await failTimes(throttle, attempt(' alice@example.COM '), 2);

    expect(await throttle.check(ALICE)).toEqual(refused(1));
  });

  it('clears the streak on a successful sign-in, so five more failures go undelayed', async () => {
    const throttle = open();
    await failTimes(throttle, ALICE, 8);
    expect(await throttle.check(ALICE)).toEqual(refused(8));

    await throttle.recordSuccess(ALICE);
    expect(await throttle.check(ALICE)).toEqual(ALLOWED);

    await failTimes(throttle, ALICE, 4);
    expect(await throttle.check(ALICE)).toEqual(ALLOWED);
    await throttle.recordFailure(ALICE);
    expect(await throttle.check(ALICE)).toEqual(refused(1));
  });

  it('lifts the delay after a password reset', async () => {
    const throttle = open();
    await failTimes(throttle, ALICE, 20);
    expect(await throttle.check(ALICE)).toEqual(refused(900));

    await throttle.resetAccount('ALICE@example.com');

    expect(await throttle.check(ALICE)).toEqual(ALLOWED);
  });

  it('refuses an address after 100 failures across accounts, for the hour', async () => {
    const throttle = open();
    for (let index = 0; index < 100; index += 1) {
      const subject = attempt(`user-${index}@example.com`);
      expect(await throttle.check(subject)).toEqual(ALLOWED);
      await throttle.recordFailure(subject);
    }

    const decision = await throttle.check(attempt('fresh@example.com'));
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.retryAfterSeconds).toBeGreaterThan(3_500);
    expect(decision.retryAfterSeconds).toBeLessThanOrEqual(3_600);

    expect(await throttle.check(attempt('fresh@example.com', '198.51.100.1'))).toEqual(ALLOWED);
  });

  it('does not clear the address count on a successful sign-in', async () => {
    const throttle = open({ addressFailures: 3, fallbackAddressFailures: 1 });
    await failTimes(throttle, attempt('a@example.com'), 1);
    await failTimes(throttle, attempt('b@example.com'), 1);
    await failTimes(throttle, attempt('c@example.com'), 1);
    await throttle.recordSuccess(attempt('mine@example.com'));

    expect((await throttle.check(attempt('d@example.com'))).allowed).toBe(false);
  });

  it('counts a whole IPv6 /64 as one address', async () => {
    const throttle = open({ addressFailures: 2, fallbackAddressFailures: 1 });
    await failTimes(throttle, attempt('a@example.com', '2001:db8:1:2::1'), 1);
    await failTimes(throttle, attempt('b@example.com', '2001:db8:1:2:ffff::9'), 1);

    expect((await throttle.check(attempt('c@example.com', '2001:db8:1:2::77'))).allowed).toBe(
      false,
    );
    expect(await throttle.check(attempt('c@example.com', '2001:db8:1:3::1'))).toEqual(ALLOWED);
  });
});
