import type { z } from 'zod';
import { ConfigError } from '../platform/config/config-error.js';
import { loadConfig } from '../platform/config/load-config.js';
import { createLogger, type Logger } from '../platform/logging/logger.js';

export interface ScriptOptions<Shape extends z.ZodRawShape> {
  /** The npm script name, e.g. `db:migrate`, which opens every failure line. */
  readonly command: string;
  /** The variables the command reads, built from the services' own schema pieces. */
  readonly variables: z.ZodObject<Shape>;
  /** The line to print for a failure of the work; `<command> failed: <message>` otherwise. */
  readonly explainFailure?: (error: unknown) => string;
}

/**
 * The body of each maintenance command (`npm run db:migrate` and the like). It validates the
 * variables the command reads before anything runs, so a malformed DATABASE_URL is reported
 * by name, as the services report it. What the work logs goes to the structured log, as the
 * services' does; the command prints its result to stdout and a failure as plain text on
 * stderr with exit code 1, which is what an operator at a terminal or a deploy script reads.
 */
export async function runScript<Shape extends z.ZodRawShape>(
  options: ScriptOptions<Shape>,
  work: (config: z.infer<z.ZodObject<Shape>>, logger: Logger) => Promise<void>,
): Promise<void> {
  const { command } = options;
  let config: z.infer<z.ZodObject<Shape>>;
  try {
    config = loadConfig(options.variables);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${command} failed: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }

  const level = 'LOG_LEVEL' in config ? String(config.LOG_LEVEL) : 'info';
  const logger = createLogger({ service: command, level });
  try {
    await work(config, logger);
  } catch (error) {
    const explained = options.explainFailure?.(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${explained ?? `${command} failed: ${message}`}\n`);
    process.exitCode = 1;
  }
}
