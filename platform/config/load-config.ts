import type { z } from 'zod';
import { ConfigError } from './config-error.js';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates environment variables against a schema whose keys are the variable names, so
 * every message can name the variable that is missing or malformed.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: Environment = process.env,
): z.infer<z.ZodObject<Shape>> {
  const present: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty variable means "not set", as in most shells' `VAR= command`.
    if (value !== undefined && value !== '') present[key] = value;
  }

  const result = schema.safeParse(present);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
