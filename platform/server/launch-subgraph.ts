import type { PrismaClient } from '../../generated/prisma/client.js';
import { loadKeyRing } from '../auth/load-key-ring.js';
import { loadConfig } from '../config/load-config.js';
import { openDatabase, type Database } from '../db/database.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { RequestContext } from './request-context.js';
import {
  subgraphConfigSchema,
  subgraphSettings,
  type SubgraphName,
  type SubgraphSettings,
} from './subgraph-config.js';
import { startSubgraph, type SubgraphDefinition } from './subgraph-service.js';

export interface LaunchSubgraphOptions<Context extends RequestContext> {
  readonly name: SubgraphName;
  readonly define: (db: PrismaClient) => SubgraphDefinition<Context>;
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
export async function launchSubgraph<Context extends RequestContext>(
  options: LaunchSubgraphOptions<Context>,
): Promise<LaunchedService & { readonly settings: SubgraphSettings }> {
  const config = loadConfig(subgraphConfigSchema(options.name), options.env);
  const settings = subgraphSettings(options.name, config);
  const logger =
    options.logger ?? createLogger({ service: options.name, level: settings.logLevel });

  const database =
    options.database ??
    (await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, logger }));
  const keys = await loadKeyRing({ ...settings, logger });

  const running = await startSubgraph(options.define(database.prisma), {
    settings,
    logger,
    database,
    keys,
  });
  logger.info({ url: running.url }, `${options.name} subgraph listening`);

  return {
    name: options.name,
    url: running.url,
    port: running.port,
    settings,
    stop: async () => {
      await running.stop();
      if (!options.database) await database.close();
    },
  };
}
