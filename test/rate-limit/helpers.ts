import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import {
  createSignInThrottle,
  type SignInAttempt,
  type SignInThrottle,
  type SignInThrottleOptions,
  type ThrottleDecision,
} from '../../platform/rate-limit/sign-in-throttle.js';
import { testRedisUrl } from '../support/external-services.js';
import { captureLogs, type CapturedLogs } from '../support/log-capture.js';

/** The Redis that TEST_REDIS_URL names; the suites that use it skip when it is unset. */
export const SHARED_REDIS_URL = testRedisUrl ?? '';

export function attempt(account: string, address = '203.0.113.7'): SignInAttempt {
  return { account, address };
}

export const ALLOWED: ThrottleDecision = { allowed: true };

export function refused(retryAfterSeconds: number): ThrottleDecision {
  return { allowed: false, retryAfterSeconds };
}

export interface TestThrottle {
  readonly throttle: SignInThrottle;
  readonly logs: CapturedLogs;
}

/** A throttle with its own captured logs; close it when done. */
export function openThrottle(options: Omit<SignInThrottleOptions, 'logger'> = {}): TestThrottle {
  const logs = captureLogs();
  const throttle = createSignInThrottle({ ...options, logger: logs.logger('identity') });
  return { throttle, logs };
}

export async function failTimes(
  throttle: SignInThrottle,
  subject: SignInAttempt,
  times: number,
): Promise<void> {
  for (let count = 0; count < times; count += 1) await throttle.recordFailure(subject);
}

/** Every key under the prefix with its value, sorted by key. */
export async function storedCounts(url: string, prefix: string): Promise<[string, string][]> {
  const client = new Redis(url);
  try {
    const keys = (await client.keys(`${prefix}:*`)).sort();
    const values = await Promise.all(keys.map((key) => client.get(key)));
    return keys.map((key, index) => [key, values[index] ?? '']);
  } finally {
    client.disconnect();
  }
}

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

/** A loopback port nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new TypeError('No port assigned.');
  return address.port;
}

/** A `redis-server` of the test's own, without persistence, answering on `port`. */
export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startRedisServer(port: number): Promise<RedisServer> {
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );

  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    child.stdout?.on('data', () => {
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)}:\n${output}`));
    });
  });

  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
