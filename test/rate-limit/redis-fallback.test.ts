import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountKey } from '../../platform/rate-limit/throttle-keys.js';
import {
  ALLOWED,
  attempt,
  failTimes,
  freePort,
  openThrottle,
  refused,
  startRedisServer,
  storedCounts,
  type RedisServer,
  type TestThrottle,
} from './helpers.js';
import { privateRedisUnavailable, skipNote } from '../support/external-services.js';

const ALICE = attempt('alice@example.com');
const BOB = attempt('bob@example.com');

const FALLING_BACK = 'Redis unreachable; counting in local memory with stricter limits';
const BACK = 'Redis answers again; counting in Redis';

function messages(opened: TestThrottle, level: string): unknown[] {
  return opened.logs
    .records()
    .filter((record) => record.level === level)
    .map((record) => record.msg);
}

describe('sign-in throttle when Redis is unreachable', () => {
  const keyPrefix = `test-sign-in-throttle-${randomUUID()}`;
  let opened: TestThrottle | undefined;
  const servers: RedisServer[] = [];

  afterEach(async () => {
    await opened?.throttle.close();
    opened = undefined;
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('still limits, by the stricter fallback, and says so once', async () => {
    const port = await freePort();
    opened = openThrottle({ redisUrl: `redis://127.0.0.1:${port}`, keyPrefix });
    const { throttle } = opened;

    expect(await throttle.check(ALICE)).toEqual(ALLOWED);
    expect(throttle.backend()).toBe('memory-fallback');

    await failTimes(throttle, ALICE, 2);
    expect(await throttle.check(ALICE)).toEqual(refused(1));
    await throttle.recordFailure(ALICE);
    expect(await throttle.check(ALICE)).toEqual(refused(2));

    expect(messages(opened, 'warn')).toEqual([FALLING_BACK]);
  });

  it('refuses an address after 20 failures instead of 100', async () => {
    const port = await freePort();
    opened = openThrottle({ redisUrl: `redis://127.0.0.1:${port}`, keyPrefix });
    const { throttle } = opened;

    for (let index = 0; index < 20; index += 1) {
      const subject = attempt(`user-${index}@example.com`, '198.51.100.9');
      expect(await throttle.check(subject)).toEqual(ALLOWED);
      await throttle.recordFailure(subject);
    }

    const decision = await throttle.check(attempt('fresh@example.com', '198.51.100.9'));
    expect(decision.allowed).toBe(false);
    expect(messages(opened, 'warn')).toEqual([FALLING_BACK]);
  });

  const noRedisServer = privateRedisUnavailable();

  it.skipIf(noRedisServer)(
    `falls back when Redis goes away and counts in Redis again when it returns${skipNote([noRedisServer])}`,
    async () => {
      const port = await freePort();
      servers.push(await startRedisServer(port));
      const url = `redis://127.0.0.1:${port}`;
      opened = openThrottle({ redisUrl: url, keyPrefix });
      const { throttle } = opened;

      await throttle.recordFailure(ALICE);
      expect(throttle.backend()).toBe('redis');
      expect(await storedCounts(url, `${keyPrefix}:account-failures`)).toEqual([
        [`${keyPrefix}:account-failures:${accountKey('alice@example.com')}`, '1'],
      ]);

      await servers[0]?.stop();
      await vi.waitFor(() => expect(throttle.backend()).toBe('memory-fallback'), {
        timeout: 10_000,
        interval: 50,
      });

      await failTimes(throttle, ALICE, 2);
      expect(await throttle.check(ALICE)).toEqual(refused(1));

      servers.push(await startRedisServer(port));
      await vi.waitFor(() => expect(throttle.backend()).toBe('redis'), {
        timeout: 10_000,
        interval: 50,
      });

      // The restarted Redis kept nothing, so the shared counters start afresh.
      expect(await throttle.check(ALICE)).toEqual(ALLOWED);
      await failTimes(throttle, BOB, 3);
      expect(await storedCounts(url, `${keyPrefix}:account-failures`)).toEqual([
        [`${keyPrefix}:account-failures:${accountKey('bob@example.com')}`, '3'],
      ]);

      expect(messages(opened, 'warn')).toEqual([FALLING_BACK]);
      expect(messages(opened, 'info')).toEqual([BACK]);
    },
  );
});
