import type { z } from 'zod';
import { CLOCK_TOLERANCE_SECONDS } from '../auth/access-token.js';
import { loadKeyRing } from '../auth/load-key-ring.js';
import { SessionRevocations } from '../auth/session-revocations.js';
import { loadConfig } from '../config/load-config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { loadSecretBox } from '../secrets/load-secret-box.js';
import type { RequestContext } from './request-context.js';
import {
  subgraphConfigSchema,
  subgraphSettings,
  type CommonSubgraphConfig,
  type SubgraphSettings,
} from './subgraph-config.js';
import type { SubgraphModule } from './subgraph-module.js';
import { startSubgraph } from './subgraph-service.js';

export interface LaunchSubgraphOptions<
  Context extends RequestContext,
  Shape extends z.ZodRawShape,
> {
  readonly module: SubgraphModule<Context, Shape>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A database opened by the caller and shared with other services in this process. */
  readonly database?: Database;
  readonly logger?: Logger;
}

export interface LaunchedService {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Reads the configuration, opens what the subgraph needs and starts serving it. */
export async function launchSubgraph<Context extends RequestContext, Shape extends z.ZodRawShape>(
  options: LaunchSubgraphOptions<Context, Shape>,
): Promise<LaunchedService & { readonly settings: SubgraphSettings }> {
  const { module } = options;
  const config = loadConfig(
    subgraphConfigSchema(module.name, module.variables),
    options.env,
  ) as CommonSubgraphConfig & z.infer<z.ZodObject<Shape>>;
  const settings = subgraphSettings(module.name, config);
  const logger = options.logger ?? createLogger({ service: module.name, level: settings.logLevel });

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, logger }));
  const closeOwnDatabase = () => (options.database ? Promise.resolve() : database.close());

  try {
    const keys = await loadKeyRing({ ...settings, logger });
    const stopWatchingKeys = keys.watch((error) =>
      logger.error({ err: error }, 'could not reload the signing keys'),
    );
    const secrets = await loadSecretBox({
      masterKey: settings.secretsMasterKey,
      previousMasterKeys: settings.secretsPreviousMasterKeys,
      dataDir: settings.dataDir,
      production: settings.production,
      logger,
    });
    const revocations = new SessionRevocations({
      db: database.prisma,
      notifications: database.notifications,
      logger,
      horizonSeconds: settings.accessTokenTtlSeconds + CLOCK_TOLERANCE_SECONDS,
    });
    await revocations.start();

    const definition = await module.create({
      settings,
      config,
      database,
      keys,
      secrets,
      revocations,
      logger,
    });
    const running = await startSubgraph(definition, {
      settings,
      logger,
      database,
      keys,
      revocations,
    });
    logger.info({ url: running.url }, `${module.name} subgraph listening`);

    return {
      name: module.name,
      url: running.url,
      port: running.port,
      settings,
      stop: async () => {
        await running.stop();
        stopWatchingKeys();
        await revocations.stop();
        await closeOwnDatabase();
      },
    };
  } catch (error) {
    await closeOwnDatabase();
    throw error;
  }
}
