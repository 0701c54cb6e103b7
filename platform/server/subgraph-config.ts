import { z } from 'zod';
import { commonVariables, port, positiveInt } from '../config/variables.js';

export type SubgraphName = 'identity' | 'organization' | 'function';

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  identity: 4001,
  organization: 4002,
  function: 4003,
};

/** The variables one subgraph reads; `IDENTITY_PORT` and so on, so all can share one file. */
export function subgraphConfigSchema(name: SubgraphName) {
  const prefix = name.toUpperCase();
  return z
    .object({
      ...commonVariables,
      [`${prefix}_PORT`]: port(DEFAULT_SUBGRAPH_PORTS[name]),
      [`${prefix}_HOST`]: z.string().min(1).default('127.0.0.1'),
      TRUSTED_PROXIES: z.string().optional(),
      MAX_BODY_BYTES: positiveInt(1_048_576),
    })
    .superRefine((config, context) => {
      if (config.NODE_ENV !== 'production') return;
      if (!config.SIGNING_KEYS_FILE) {
        context.addIssue({
          code: 'custom',
          path: ['SIGNING_KEYS_FILE'],
          message: 'is required in production (generated keys would differ per instance)',
        });
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
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  readonly signingKeysFile: string | undefined;
  readonly exposeErrorDetails: boolean;
  readonly port: number;
  readonly host: string;
  readonly trustedProxies: string | undefined;
  readonly maxBodyBytes: number;
}

export function subgraphSettings(
  name: SubgraphName,
  config: z.infer<ReturnType<typeof subgraphConfigSchema>>,
): SubgraphSettings {
  const prefix = name.toUpperCase();
  const values = config as Record<string, unknown>;
  return {
    name,
    production: config.NODE_ENV === 'production',
    logLevel: config.LOG_LEVEL,
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    tokenIssuer: config.TOKEN_ISSUER,
    tokenAudience: config.TOKEN_AUDIENCE,
    signingKeysFile: config.SIGNING_KEYS_FILE,
    exposeErrorDetails: config.EXPOSE_ERROR_DETAILS,
    port: values[`${prefix}_PORT`] as number,
    host: values[`${prefix}_HOST`] as string,
    trustedProxies: config.TRUSTED_PROXIES,
    maxBodyBytes: config.MAX_BODY_BYTES,
  };
}
