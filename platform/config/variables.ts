import path from 'node:path';
import { z } from 'zod';

/** Building blocks for each service's configuration schema; each key is a variable name. */

export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65_535).default(fallback);

export const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    message: 'expected one of true, false, 1, 0, yes, no',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const flag = (fallback: boolean) => booleanText.default(fallback);

export const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  message: 'expected a postgresql:// URL',
});

/** What every service reads, the gateway included. */
export const serviceVariables = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z
    .string()
    .default('./data')
    .transform((dir) => path.resolve(dir)),
  SIGNING_KEYS_FILE: z.string().min(1).optional(),
  EXPOSE_ERROR_DETAILS: flag(false),
};

/**
 * What the subgraphs read beyond that: the database, token verification, sealed secrets and
 * shared counters. The gateway touches none of them, so it does not validate them either, and
 * a mistake in one of them cannot stop it.
 */
export const subgraphDataVariables = {
  DATABASE_URL: postgresUrl.optional(),
  TOKEN_ISSUER: httpUrl.default('http://localhost:4000'),
  TOKEN_AUDIENCE: z.string().min(1).default('federated-identity-api'),
  /** Lifetime of access tokens; every service uses it to know how long a revocation matters. */
  ACCESS_TOKEN_TTL_SECONDS: positiveInt(900),
  SECRETS_MASTER_KEY: z.string().min(1).optional(),
  SECRETS_PREVIOUS_MASTER_KEYS: z.string().optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'expected a redis:// URL' }).optional(),
};

/** Everything a subgraph, or `npm start` running all services, reads in common. */
export const commonVariables = { ...serviceVariables, ...subgraphDataVariables };

/** A boolean whose absence means "decide from other settings". */
export const optionalFlag = booleanText.optional();
