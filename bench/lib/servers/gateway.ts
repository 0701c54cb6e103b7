import { launchGateway } from '../../../gateway/launch-gateway.js';
import { createLogger } from '../../../platform/logging/logger.js';
import { serveFromChild } from './service-protocol.js';

/**
 * Our gateway as shipped, configured from the environment the parent passes, as
 * gateway/main.ts does it; the only difference is that it reports its URL to the parent.
 */
await serveFromChild(async () => {
  const logger = createLogger({ service: 'gateway', level: process.env.LOG_LEVEL ?? 'info' });
  const gateway = await launchGateway({ logger });
  return { url: gateway.url, stop: () => gateway.stop() };
});
