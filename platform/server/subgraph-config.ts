import { z } from 'zod';
import { commonVariables, port, positiveInt } from '../config/variables.js';

export type SubgraphName = 'identity' | 'organization' | 'function';

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  identity: 4001,
  organization: 4002,
  function: 4003,
};

const subgraphVariables = {
  ...commonVariables,
  TRUSTED_PROXIES: z.string().optional(),
  MAX_BODY_BYTES: positiveInt(1_048_576),
};

export type CommonSubgraphConfig = z.infer<z.ZodObject<typeof subgraphVariables>>;

/**
 * The variables one subgraph reads: the shared ones, `<NAME>_PORT` and `<NAME>_HOST` (so all
 * services can share one environment), and the subgraph's own.
 */
export function subgraphConfigSchema<Shape extends z.ZodRawShape>(name: SubgraphName, own: Shape) {
  const prefix = name.toUpperCase();
  return z
    .object({
      ...subgraphVariables,
      [`${prefix}_PORT`]: port(DEFAULT_SUBGRAPH_PORTS[name]),
      [`${prefix}_HOST`]: z.string().min(1).default('127.0.0.1'),
      ...own,
    })
    .superRefine((parsed, context) => {
      const config = parsed as CommonSubgraphConfig;
      if (config.NODE_ENV !== 'production') return;
      const required = ['SIGNING_KEYS_FILE', 'SECRETS_MASTER_KEY'] as const;
      for (const variable of required) {
        if (!config[variable]) {
          context.addIssue({
            code: 'custom',
            path: [variable],
            message: 'is required in production (a generated one would differ per instance)',
          });
        }
      }
      if (config.EXPOSE_ERROR_DETAILS) {
        context.addIssue({
          code: 'custom',
          path: ['EXPOSE_ERROR_DETAILS'],
          message: 'must not be enabled in production',
        });
      }
    });
}

export interface SubgraphSettings {
  readonly name: SubgraphName;
  readonly production: boolean;
  readonly logLevel: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  readonly accessTokenTtlSeconds: number;
  readonly signingKeysFile: string | undefined;
  readonly secretsMasterKey: string | undefined;
  readonly secretsPreviousMasterKeys: string | undefined;
  readonly exposeErrorDetails: boolean;
  readonly port: number;
  readonly host: string;
  readonly trustedProxies: string | undefined;
  readonly maxBodyBytes: number;
}

export function subgraphSettings(
  name: SubgraphName,
  config: CommonSubgraphConfig & Record<string, unknown>,
): SubgraphSettings {
  const prefix = name.toUpperCase();
  return {
    name,
    production: config.NODE_ENV === 'production',
    logLevel: config.LOG_LEVEL,
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    tokenIssuer: config.TOKEN_ISSUER,
    tokenAudience: config.TOKEN_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    signingKeysFile: config.SIGNING_KEYS_FILE,
    secretsMasterKey: config.SECRETS_MASTER_KEY,
    secretsPreviousMasterKeys: config.SECRETS_PREVIOUS_MASTER_KEYS,
    exposeErrorDetails: config.EXPOSE_ERROR_DETAILS,
    port: config[`${prefix}_PORT`] as number,
    host: config[`${prefix}_HOST`] as string,
    trustedProxies: config.TRUSTED_PROXIES,
    maxBodyBytes: config.MAX_BODY_BYTES,
  };
}
