import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { KeyRing } from '../platform/auth/key-ring.js';
import { createErrorMask } from '../platform/errors/mask-error.js';
import { requestLoggingPlugin } from '../platform/graphql/request-logging-plugin.js';
import type { Logger } from '../platform/logging/logger.js';
import {
  clientAddressOf,
  isFromTrustedProxy,
  parseTrustedProxies,
} from '../platform/server/client-address.js';
import { createGraphQLHandler } from '../platform/server/graphql-handler.js';
import { sendJson } from '../platform/server/http-responses.js';
import { startHttpService, type RunningHttpService } from '../platform/server/http-service.js';
import { healthRoute, readinessRoute } from '../platform/server/probes.js';
import { requestIdOf } from '../platform/server/request-id.js';
import { pipelineMarkPlugin } from '../platform/server/request-log.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './gateway-context.js';
import { operationLimits } from './hardening.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import { createSubgraphClient } from './subgraph-client.js';

export const SUPERGRAPH_FILE = path.resolve(import.meta.dirname, '../schema/supergraph.graphql');

export interface GatewayRuntime {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  readonly keys: KeyRing;
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

interface SubgraphRoute {
  readonly url: string;
  readonly timeoutMs: number;
}

/** Where each subgraph is and how long a request to it may take. */
function subgraphRoutes(config: GatewayConfig): Readonly<Record<string, SubgraphRoute>> {
  const fallback = config.SUBGRAPH_TIMEOUT_MS;
  return {
    identity: { url: config.IDENTITY_URL, timeoutMs: config.IDENTITY_TIMEOUT_MS ?? fallback },
    organization: {
      url: config.ORGANIZATION_URL,
      timeoutMs: config.ORGANIZATION_TIMEOUT_MS ?? fallback,
    },
    function: { url: config.FUNCTION_URL, timeoutMs: config.FUNCTION_TIMEOUT_MS ?? fallback },
  };
}

export async function startGateway(runtime: GatewayRuntime): Promise<RunningHttpService> {
  const { config, logger, keys } = runtime;
  const production = config.NODE_ENV === 'production';
  const introspection = config.INTROSPECTION ?? !production;
  const routes = subgraphRoutes(config);
  const trustedProxies = parseTrustedProxies(config.TRUSTED_PROXIES);

  const client = createSubgraphClient({
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    connections: config.SUBGRAPH_CONNECTIONS,
  });

  // @apollo/gateway otherwise sends usage metrics to Apollo and probes cloud metadata
  // addresses (169.254.169.254 and the like) to describe the host. A gateway that handles
  // identity data must not talk to anyone it was not configured to, so that is switched off
  // before the gateway is built, which is when it reads the variable.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    // Composed at build time (npm run compose); the routing URLs in the file are defaults
    // that the configuration overrides here.
    supergraphSdl: await readFile(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: routes[name]?.url ?? url ?? '',
        timeoutMs: routes[name]?.timeoutMs ?? config.SUBGRAPH_TIMEOUT_MS,
        client,
      }),
    logger,
  });

  const limits = operationLimits({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    maxDirectives: config.MAX_DIRECTIVES,
    introspectionAllowed: introspection,
    production,
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorMask({ exposeDetails: config.EXPOSE_ERROR_DETAILS }),
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    introspection,
    csrfPrevention: true,
    // Shutdown is ours (platform/server/shutdown.ts): Apollo's own signal handler would stop
    // the schema and re-raise the signal before in-flight HTTP requests have finished.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ...(limits.plugins as never[]),
      requestLoggingPlugin<GatewayContext>(),
      pipelineMarkPlugin<GatewayContext>(),
    ],
    logger,
  });
  await server.start();

  const context = async (request: IncomingMessage): Promise<GatewayContext> => {
    const requestId = requestIdOf(request);
    return {
      requestId,
      logger: logger.child({ requestId }),
      authorization: request.headers.authorization,
      clientAddress: clientAddressOf(request, trustedProxies),
    };
  };

  const graphql = createGraphQLHandler({
    server,
    maxBodyBytes: config.MAX_BODY_BYTES,
    context,
  });

  const jwks = async (_request: IncomingMessage, response: ServerResponse) =>
    sendJson(response, 200, keys.jwks(), { 'cache-control': 'public, max-age=300' });

  const ready = readinessRoute(
    { schema: async () => server.assertStarted('ready') },
    (check, error) => logger.warn({ check, err: error }, 'readiness check failed'),
  );

  const http = await startHttpService(
    {
      name: 'gateway',
      logger,
      graphql,
      routes: { '/health': healthRoute, '/ready': ready },
      publicRoutes: { '/.well-known/jwks.json': jwks },
      transport: { requireHttps: production, trustedProxies },
      tls: runtime.tls,
      // A client could otherwise pick the id under which its request is logged, e.g. to pass
      // its lines off as another request's; only our own proxy's id is kept.
      acceptsRequestId: (request) => isFromTrustedProxy(request, trustedProxies),
    },
    { port: config.GATEWAY_PORT, host: config.GATEWAY_HOST },
  );

  return {
    ...http,
    stop: async () => {
      await http.stop();
      await server.stop();
      await client.close();
    },
  };
}
