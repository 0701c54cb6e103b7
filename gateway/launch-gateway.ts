import { readFile } from 'node:fs/promises';
import { loadKeyRing } from '../platform/auth/load-key-ring.js';
import { loadConfig } from '../platform/config/load-config.js';
import { createLogger, type Logger } from '../platform/logging/logger.js';
import type { LaunchedService } from '../platform/server/launch-subgraph.js';
import { gatewayConfigSchema } from './config.js';
import { startGateway } from './gateway-server.js';

export interface LaunchGatewayOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
}

export async function launchGateway(options: LaunchGatewayOptions = {}): Promise<LaunchedService> {
  const config = loadConfig(gatewayConfigSchema, options.env);
  const logger = options.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const keys = await loadKeyRing({
    signingKeysFile: config.SIGNING_KEYS_FILE,
    dataDir: config.DATA_DIR,
    production: config.NODE_ENV === 'production',
    logger,
  });
  const tls =
    config.TLS_CERT_FILE && config.TLS_KEY_FILE
      ? { cert: await readFile(config.TLS_CERT_FILE), key: await readFile(config.TLS_KEY_FILE) }
      : undefined;

  const running = await startGateway({ config, logger, keys, tls });
  const stopWatchingKeys = keys.watch((error) =>
    logger.error({ err: error }, 'could not reload the signing keys'),
  );
  logger.info({ url: running.url }, 'gateway listening');
  return {
    name: 'gateway',
    ...running,
    stop: async () => {
      stopWatchingKeys();
      await running.stop();
    },
  };
}
