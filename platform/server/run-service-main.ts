import { ConfigError } from '../config/config-error.js';
import { createLogger } from '../logging/logger.js';
import type { LaunchedService } from './launch-subgraph.js';
import { stopOnSignals } from './shutdown.js';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * The body of each service's `main.ts`: launch, stop gracefully on signals, and on a bad
 * configuration exit non-zero with a log line that names every offending variable.
 */
export async function runServiceMain(
  service: string,
  launch: (logger: ReturnType<typeof createLogger>) => Promise<LaunchedService>,
): Promise<void> {
  const level = LEVELS.has(process.env.LOG_LEVEL ?? '') ? process.env.LOG_LEVEL! : 'info';
  const logger = createLogger({ service, level });
  try {
    const running = await launch(logger);
    stopOnSignals(logger, () => running.stop());
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.fatal({ problems: error.problems }, error.message);
    } else {
      logger.fatal({ err: error }, 'start failed');
    }
    process.exitCode = 1;
  }
}
