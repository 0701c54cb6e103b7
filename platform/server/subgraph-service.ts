import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import type { IRules } from 'graphql-shield';
import { authenticate, type RevocationCheck } from '../auth/authenticate.js';
import type { KeyRing } from '../auth/key-ring.js';
import type { Database } from '../db/database.js';
import { createErrorMask } from '../errors/mask-error.js';
import { requestLoggingPlugin } from '../graphql/request-logging-plugin.js';
import { applyPermissions } from '../graphql/shield-middleware.js';
import type { Logger } from '../logging/logger.js';
import { clientAddressOf, parseTrustedProxies } from './client-address.js';
import { createGraphQLHandler } from './graphql-handler.js';
import { startHttpService, type RunningHttpService } from './http-service.js';
import { healthRoute, readinessRoute } from './probes.js';
import type { RequestContext } from './request-context.js';
import { requestIdOf } from './request-id.js';
import { pipelineMarkPlugin } from './request-log.js';
import type { SubgraphName, SubgraphSettings } from './subgraph-config.js';

/** What a subgraph contributes: resolvers, the rule map, and its own context additions. */
export interface SubgraphDefinition<Context extends RequestContext> {
  readonly name: SubgraphName;
  readonly resolvers: GraphQLResolverMap<Context>;
  readonly permissions: IRules;
  createContext(base: RequestContext): Context;
  /** Stops what the subgraph runs beside serving requests, such as a mail worker. */
  stop?(): Promise<void>;
}

/** What serving a subgraph needs from the process. */
export interface SubgraphRuntime {
  readonly settings: SubgraphSettings;
  readonly logger: Logger;
  readonly database: Database;
  readonly keys: KeyRing;
  readonly revocations: RevocationCheck;
}

export function subgraphTypeDefs(name: SubgraphName) {
  const file = path.resolve(import.meta.dirname, '../../schema', `${name}.graphql`);
  return parse(readFileSync(file, 'utf8'));
}

/** The executable schema: federation's subgraph schema with the permissions applied. */
export function buildSubgraph<Context extends RequestContext>(
  definition: SubgraphDefinition<Context>,
): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: subgraphTypeDefs(definition.name),
    resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
  });
  return applyPermissions(schema, definition.permissions);
}

export async function startSubgraph<Context extends RequestContext>(
  definition: SubgraphDefinition<Context>,
  runtime: SubgraphRuntime,
): Promise<RunningHttpService> {
  const { settings, logger, database, keys, revocations } = runtime;
  const trustedProxies = parseTrustedProxies(settings.trustedProxies);

  const server = new ApolloServer<Context>({
    schema: buildSubgraph(definition),
    formatError: createErrorMask({ exposeDetails: settings.exposeErrorDetails }),
    includeStacktraceInErrorResponses: false,
    introspection: !settings.production,
    csrfPrevention: true,
    // Shutdown is ours (platform/server/shutdown.ts): Apollo's own signal handler would stop
    // the schema and re-raise the signal before in-flight HTTP requests have finished.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Traces would tell any caller how long each resolver took; we do not report to Apollo.
      ApolloServerPluginInlineTraceDisabled(),
      requestLoggingPlugin<Context>(),
      pipelineMarkPlugin<Context>(),
    ],
    logger,
  });
  await server.start();

  const verification = {
    keys,
    issuer: settings.tokenIssuer,
    audience: settings.tokenAudience,
  };

  const context = async (request: IncomingMessage): Promise<Context> => {
    const requestId = requestIdOf(request);
    const base: RequestContext = {
      requestId,
      logger: logger.child({ requestId }),
      auth: await authenticate(request.headers.authorization, verification, revocations),
      clientAddress: clientAddressOf(request, trustedProxies),
    };
    return definition.createContext(base);
  };

  const graphql = createGraphQLHandler({
    server,
    maxBodyBytes: settings.maxBodyBytes,
    context,
  });

  const ready = readinessRoute(
    { database: () => database.ping(), schema: async () => server.assertStarted('ready') },
    (check, error) => logger.warn({ check, err: error }, 'readiness check failed'),
  );

  const http = await startHttpService(
    {
      name: definition.name,
      logger,
      graphql,
      routes: { '/health': healthRoute, '/ready': ready },
      trustedProxies,
    },
    { port: settings.port, host: settings.host },
  );

  return {
    ...http,
    stop: async () => {
      await http.stop();
      await server.stop();
      await definition.stop?.();
    },
  };
}
