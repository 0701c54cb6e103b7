import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { launchGateway } from '../../gateway/launch-gateway.js';
import { issueAccessToken } from '../../platform/auth/access-token.js';
import { KeyRing } from '../../platform/auth/key-ring.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { openDatabase, type Database } from '../../platform/db/database.js';
import { launchSubgraph, type LaunchedService } from '../../platform/server/launch-subgraph.js';
import type { SubgraphName } from '../../platform/server/subgraph-config.js';
import { functionModule } from '../../subgraphs/function/definition.js';
import { identityModule } from '../../subgraphs/identity/definition.js';
import { organizationModule } from '../../subgraphs/organization/definition.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { captureLogs, type CapturedLogs } from './log-capture.js';
import type { DatabaseKind } from '../../platform/db/database.js';

export const TEST_ISSUER = 'http://localhost:4000';
export const TEST_AUDIENCE = 'federated-identity-api';

const MODULES = {
  identity: identityModule,
  organization: organizationModule,
  function: functionModule,
} as const;

export interface SystemOptions {
  readonly databaseKind: DatabaseKind;
  /** Extra variables for every service, e.g. NODE_ENV=production for the gateway. */
  readonly env?: Readonly<Record<string, string>>;
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  /** Wraps a subgraph's Prisma client, e.g. to count queries. */
  readonly wrapDb?: (name: SubgraphName, db: PrismaClient) => PrismaClient;
}

/** The whole system on loopback ports, in this process, over one test database. */
export interface TestSystem {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  readonly db: PrismaClient;
  /** The shared database; closing it plays a database that went away. */
  readonly database: Database;
  readonly keys: KeyRing;
  readonly logs: CapturedLogs;
  readonly env: Readonly<Record<string, string>>;
  tokenFor(
    userId: string,
    options?: { sessionId?: string; now?: Date; email?: string; emailVerified?: boolean },
  ): Promise<string>;
  createUser(email?: string): Promise<{ id: string; email: string }>;
  stopSubgraph(name: SubgraphName): Promise<void>;
  startSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export async function startSystem(options: SystemOptions): Promise<TestSystem> {
  const testDatabase: TestDatabase = await createTestDatabase(options.databaseKind);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'system-'));
  const signingKeysFile = path.join(dataDir, 'signing-keys.json');
  await ensureSigningKeyFile(signingKeysFile);
  const logs = captureLogs();

  const database: Database = await openDatabase({
    databaseUrl: testDatabase.databaseUrl,
    dataDir: testDatabase.dataDir,
    logger: logs.logger('database'),
  });

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    SIGNING_KEYS_FILE: signingKeysFile,
    TOKEN_ISSUER: TEST_ISSUER,
    TOKEN_AUDIENCE: TEST_AUDIENCE,
    IDENTITY_PORT: '0',
    ORGANIZATION_PORT: '0',
    FUNCTION_PORT: '0',
    TRUSTED_PROXIES: '127.0.0.1',
    ...options.env,
  };

  const subgraphs = new Map<SubgraphName, LaunchedService>();
  const ports = new Map<SubgraphName, number>();
  const start = async (name: SubgraphName) => {
    const port = ports.get(name) ?? 0;
    const prisma = options.wrapDb ? options.wrapDb(name, database.prisma) : database.prisma;
    const launched = await launchSubgraph({
      module: MODULES[name] as (typeof MODULES)['organization'],
      env: { ...env, [`${name.toUpperCase()}_PORT`]: String(port) },
      database: { ...database, prisma },
      logger: logs.logger(name),
    });
    ports.set(name, launched.port);
    subgraphs.set(name, launched);
  };
  for (const name of Object.keys(MODULES) as SubgraphName[]) await start(name);

  const urlOf = (name: SubgraphName) => `http://127.0.0.1:${ports.get(name)}/graphql`;
  const gateway = await launchGateway({
    env: {
      ...env,
      GATEWAY_PORT: '0',
      IDENTITY_URL: urlOf('identity'),
      ORGANIZATION_URL: urlOf('organization'),
      FUNCTION_URL: urlOf('function'),
      SUBGRAPH_TIMEOUT_MS: '5000',
      TRUSTED_PROXIES: '',
      ...options.gatewayEnv,
    },
    logger: logs.logger('gateway'),
  });

  const keys = await KeyRing.fromFile(signingKeysFile);
  let userCount = 0;

  return {
    gatewayUrl: gateway.url,
    subgraphUrls: {
      identity: urlOf('identity'),
      organization: urlOf('organization'),
      function: urlOf('function'),
    },
    db: database.prisma,
    database,
    keys,
    logs,
    env,
    tokenFor: async (userId, tokenOptions = {}) => {
      const issued = await issueAccessToken({
        keys,
        issuer: TEST_ISSUER,
        audience: TEST_AUDIENCE,
        userId,
        sessionId: tokenOptions.sessionId ?? 'test-session',
        email: tokenOptions.email ?? `${userId}@example.com`,
        emailVerified: tokenOptions.emailVerified ?? true,
        lifetimeSeconds: 900,
        now: tokenOptions.now,
      });
      return issued.token;
    },
    createUser: async (email) => {
      userCount += 1;
      const address = email ?? `user${userCount}-${Date.now()}@example.com`;
      const user = await database.prisma.user.create({
        data: { email: address, displayName: `User ${userCount}` },
      });
      return { id: user.id, email: user.email };
    },
    stopSubgraph: async (name) => {
      await subgraphs.get(name)?.stop();
      subgraphs.delete(name);
    },
    startSubgraph: start,
    stop: async () => {
      await gateway.stop();
      for (const service of subgraphs.values()) await service.stop();
      await database.close();
      await testDatabase.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
