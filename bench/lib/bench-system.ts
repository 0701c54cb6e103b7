import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { launchGateway } from '../../gateway/launch-gateway.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { openDatabase, type DatabaseKind } from '../../platform/db/database.js';
import { createLogger } from '../../platform/logging/logger.js';
import { launchSubgraph, type LaunchedService } from '../../platform/server/launch-subgraph.js';
import { functionModule } from '../../subgraphs/function/definition.js';
import { identityModule } from '../../subgraphs/identity/definition.js';
import { organizationModule } from '../../subgraphs/organization/definition.js';
import { createScratchDatabase } from './scratch-database.js';

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

const silent = (service: string) => createLogger({ service, level: 'silent' });

/** Starts everything on free loopback ports with production settings and no log output. */
export async function startBenchSystem(options: {
  readonly databaseServerUrl: string | undefined;
}): Promise<BenchSystem> {
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
  };

  const services: LaunchedService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await database.close();
    await scratch.drop();
  };

  try {
    const identity = await launchSubgraph({
      module: identityModule,
      env,
      database,
      logger: silent('identity'),
    });
    services.push(identity);
    const organization = await launchSubgraph({
      module: organizationModule,
      env,
      database,
      logger: silent('organization'),
    });
    services.push(organization);
    const fn = await launchSubgraph({
      module: functionModule,
      env,
      database,
      logger: silent('function'),
    });
    services.push(fn);

    const gateway = await launchGateway({
      env: {
        ...env,
        GATEWAY_PORT: '0',
        IDENTITY_URL: identity.url,
        ORGANIZATION_URL: organization.url,
        FUNCTION_URL: fn.url,
      },
      logger: silent('gateway'),
    });
    services.push(gateway);

    return {
      gatewayUrl: gateway.url,
      databaseKind: database.kind,
      prisma: database.prisma,
      clientHeaders: { 'x-forwarded-proto': 'https' },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
