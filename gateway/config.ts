import { z } from 'zod';
import {
  httpUrl,
  optionalFlag,
  port,
  positiveInt,
  serviceVariables,
} from '../platform/config/variables.js';

/** An optional per-subgraph bound, in milliseconds; SUBGRAPH_TIMEOUT_MS applies without it. */
const timeoutOverride = z.coerce.number().int().positive().optional();

/**
 * Every variable the gateway reads; README.md and .env.example list the same. Database,
 * secrets and Redis settings are the subgraphs' alone and are not read here.
 */
export const gatewayConfigSchema = z
  .object({
    ...serviceVariables,
    GATEWAY_PORT: port(4000),
    GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
    IDENTITY_URL: httpUrl.default('http://127.0.0.1:4001/graphql'),
    ORGANIZATION_URL: httpUrl.default('http://127.0.0.1:4002/graphql'),
    FUNCTION_URL: httpUrl.default('http://127.0.0.1:4003/graphql'),
    SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
    IDENTITY_TIMEOUT_MS: timeoutOverride,
    ORGANIZATION_TIMEOUT_MS: timeoutOverride,
    FUNCTION_TIMEOUT_MS: timeoutOverride,
    SUBGRAPH_CONNECTIONS: positiveInt(128),
    MAX_DEPTH: positiveInt(12),
    MAX_ALIASES: positiveInt(15),
    MAX_TOKENS: positiveInt(2_000),
    MAX_COST: positiveInt(5_000),
    MAX_DIRECTIVES: positiveInt(20),
    MAX_BODY_BYTES: positiveInt(262_144),
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
    TRUSTED_PROXIES: z.string().optional(),
    INTROSPECTION: optionalFlag,
  })
  .superRefine((config, context) => {
    if (Boolean(config.TLS_CERT_FILE) !== Boolean(config.TLS_KEY_FILE)) {
      context.addIssue({
        code: 'custom',
        path: [config.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'],
        message: 'TLS_CERT_FILE and TLS_KEY_FILE must be set together',
      });
    }
    if (config.NODE_ENV !== 'production') return;
    if (config.EXPOSE_ERROR_DETAILS) {
      context.addIssue({
        code: 'custom',
        path: ['EXPOSE_ERROR_DETAILS'],
        message: 'must not be enabled in production',
      });
    }
    if (!config.SIGNING_KEYS_FILE) {
      context.addIssue({
        code: 'custom',
        path: ['SIGNING_KEYS_FILE'],
        message: 'is required in production (the JWKS must list the keys the services use)',
      });
    }
    if (!config.TLS_CERT_FILE && !config.TRUSTED_PROXIES) {
      context.addIssue({
        code: 'custom',
        path: ['TRUSTED_PROXIES'],
        message: 'production needs TLS_CERT_FILE/TLS_KEY_FILE or a TLS-terminating proxy here',
      });
    }
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
