import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { z } from 'zod';
import { launchGateway } from '../../gateway/launch-gateway.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { openDatabase, type DatabaseKind } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logging/logger.js';
import { launchSubgraph, type LaunchedService } from '../../platform/server/launch-subgraph.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import type { SubgraphName } from '../../platform/server/subgraph-config.js';
import type { SubgraphModule } from '../../platform/server/subgraph-module.js';
import { functionModule } from '../../subgraphs/function/definition.js';
import { identityModule } from '../../subgraphs/identity/definition.js';
import { organizationModule } from '../../subgraphs/organization/definition.js';
import { createScratchDatabase } from './scratch-database.js';

/** Subgraphs (all three unless asked for fewer), in this process, over a scratch database. */
export interface BenchSubgraphs {
  /** The URL of each subgraph started here. */
  readonly urls: Readonly<Partial<Record<SubgraphName, string>>>;
  /**
   * The production settings every service of the run shares (data directory, signing keys,
   * master key, trusted proxy, and the database URL on a server); a gateway or a subgraph
   * started elsewhere needs them too.
   */
  readonly env: Readonly<Record<string, string>>;
  readonly databaseKind: DatabaseKind;
  /** For seeding only; measurements go through HTTP. */
  readonly prisma: PrismaClient;
  stop(): Promise<void>;
}

/** The gateway and the three subgraphs, in this process, over a scratch database. */
export interface BenchSystem {
  readonly gatewayUrl: string;
  readonly databaseKind: DatabaseKind;
  /** For seeding only; measurements go through HTTP. */
  readonly prisma: PrismaClient;
  /**
   * Headers every client request carries: the services run with production settings behind
   * a TLS-terminating proxy that they trust, as deployed, so plain HTTP needs the proxy's mark.
   */
  readonly clientHeaders: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** What a client sends through the TLS-terminating proxy that the services trust. */
export const PROXIED_CLIENT_HEADERS: Readonly<Record<string, string>> = {
  'x-forwarded-proto': 'https',
};

const silent = (service: string) => createLogger({ service, level: 'silent' });

const SUBGRAPH_NAMES: readonly SubgraphName[] = ['identity', 'organization', 'function'];

/** Starts the subgraphs on free loopback ports with production settings and no log output. */
export async function startBenchSubgraphs(options: {
  readonly databaseServerUrl: string | undefined;
  /** Which subgraphs this process runs; the others may join the database from elsewhere. */
  readonly subgraphs?: readonly SubgraphName[];
}): Promise<BenchSubgraphs> {
  const scratch = await createScratchDatabase(options.databaseServerUrl);
  const signingKeysFile = path.join(scratch.dataDir, 'signing-keys.json');
  await ensureSigningKeyFile(signingKeysFile);
  const database = await openDatabase({
    databaseUrl: scratch.databaseUrl,
    dataDir: scratch.dataDir,
    logger: silent('database'),
  });

  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: scratch.dataDir,
    SIGNING_KEYS_FILE: signingKeysFile,
    SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
    // Long enough that a token issued while preparing outlives the longest run.
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    IDENTITY_PORT: '0',
    ORGANIZATION_PORT: '0',
    FUNCTION_PORT: '0',
    TRUSTED_PROXIES: '127.0.0.1',
    ...(scratch.databaseUrl ? { DATABASE_URL: scratch.databaseUrl } : {}),
  };

  const services: LaunchedService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await database.close();
    await scratch.drop();
  };

  try {
    const launch = async <Context extends RequestContext, Shape extends z.ZodRawShape>(
      module: SubgraphModule<Context, Shape>,
    ) => {
      const service = await launchSubgraph({ module, env, database, logger: silent(module.name) });
      services.push(service);
      return service.url;
    };
    const launchers: Record<SubgraphName, () => Promise<string>> = {
      identity: () => launch(identityModule),
      organization: () => launch(organizationModule),
      function: () => launch(functionModule),
    };
    const urls: Partial<Record<SubgraphName, string>> = {};
    for (const name of options.subgraphs ?? SUBGRAPH_NAMES) urls[name] = await launchers[name]();
    return { urls, env, databaseKind: database.kind, prisma: database.prisma, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts everything on free loopback ports with production settings and no log output. */
export async function startBenchSystem(options: {
  readonly databaseServerUrl: string | undefined;
}): Promise<BenchSystem> {
  const subgraphs = await startBenchSubgraphs(options);
  const urlOf = (name: SubgraphName) => subgraphs.urls[name] ?? '';
  try {
    const gateway = await launchGateway({
      env: {
        ...subgraphs.env,
        GATEWAY_PORT: '0',
        IDENTITY_URL: urlOf('identity'),
        ORGANIZATION_URL: urlOf('organization'),
        FUNCTION_URL: urlOf('function'),
      },
      logger: silent('gateway'),
    });
    return {
      gatewayUrl: gateway.url,
      databaseKind: subgraphs.databaseKind,
      prisma: subgraphs.prisma,
      clientHeaders: PROXIED_CLIENT_HEADERS,
      stop: async () => {
        await gateway.stop();
        await subgraphs.stop();
      },
    };
  } catch (error) {
    await subgraphs.stop();
    throw error;
  }
}
