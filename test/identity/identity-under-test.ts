import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { openDatabase, type DatabaseKind } from '../../platform/db/database.js';
import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { createIdentityModule } from '../../subgraphs/identity/definition.js';
import type { PasswordHasher } from '../../subgraphs/identity/passwords/password-hasher.js';
import { createTestDatabase } from '../support/databases.js';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client.js';
import { captureLogs, type CapturedLogs } from '../support/log-capture.js';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';

/** Real time moved forward by hand: identity measures every expiry and window against it. */
export interface MovableClock {
  readonly now: () => Date;
  advance(milliseconds: number): void;
}

function movableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (milliseconds) => {
      offset += milliseconds;
    },
  };
}

/** How often each kind of password work ran since the last `reset()`. */
export interface HashingCounts {
  hash: number;
  verify: number;
  verifyDummy: number;
  reset(): void;
}

function countingHasher(counts: HashingCounts) {
  return (real: PasswordHasher): PasswordHasher => ({
    hash: (password) => {
      counts.hash += 1;
      return real.hash(password);
    },
    verify: (hash, password) => {
      counts.verify += 1;
      return real.verify(hash, password);
    },
    verifyDummy: (password) => {
      counts.verifyDummy += 1;
      return real.verifyDummy(password);
    },
  });
}

/**
 * The identity subgraph alone on a loopback port, with a clock the test moves and a password
 * hasher that counts its calls, over a database of its own and a real SMTP peer. It trusts
 * 127.0.0.1 as a proxy, so a test plays clients at other addresses with X-Forwarded-For.
 */
export interface IdentityUnderTest {
  readonly url: string;
  readonly db: PrismaClient;
  readonly clock: MovableClock;
  readonly hashing: HashingCounts;
  readonly smtp: SmtpPeer;
  readonly logs: CapturedLogs;
  /** Posts an operation as a client at `address` would, through the trusted proxy. */
  post(
    operation: { readonly query: string; readonly variables?: Record<string, unknown> },
    options?: { readonly token?: string; readonly address?: string },
  ): Promise<GraphQLResponse>;
  stop(): Promise<void>;
}

export async function startIdentity(options: {
  readonly databaseKind: DatabaseKind;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<IdentityUnderTest> {
  const testDatabase = await createTestDatabase(options.databaseKind);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'identity-'));
  const signingKeysFile = path.join(dataDir, 'signing-keys.json');
  await ensureSigningKeyFile(signingKeysFile);
  const logs = captureLogs();
  const smtp = await startSmtpPeer();

  const database = await openDatabase({
    databaseUrl: testDatabase.databaseUrl,
    dataDir: testDatabase.dataDir,
    logger: logs.logger('database'),
  });
  const clock = movableClock();
  const hashing: HashingCounts = {
    hash: 0,
    verify: 0,
    verifyDummy: 0,
    reset() {
      this.hash = 0;
      this.verify = 0;
      this.verifyDummy = 0;
    },
  };

  const service = await launchSubgraph({
    module: createIdentityModule({ clock: clock.now, passwordHasher: countingHasher(hashing) }),
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      DATA_DIR: dataDir,
      SIGNING_KEYS_FILE: signingKeysFile,
      IDENTITY_PORT: '0',
      TRUSTED_PROXIES: '127.0.0.1',
      SMTP_URL: smtp.url,
      MAIL_POLL_INTERVAL_MS: '100',
      ...options.env,
    },
    database,
    logger: logs.logger('identity'),
  });

  return {
    url: service.url,
    db: database.prisma,
    clock,
    hashing,
    smtp,
    logs,
    post: (operation, postOptions = {}) =>
      postGraphQL(service.url, operation, {
        token: postOptions.token,
        headers: postOptions.address ? { 'x-forwarded-for': postOptions.address } : {},
      }),
    stop: async () => {
      await service.stop();
      await database.close();
      await smtp.stop();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
