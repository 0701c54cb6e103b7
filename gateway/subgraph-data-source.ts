import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { appError } from '../platform/errors/app-error.js';
import { UPSTREAM_MESSAGE } from '../platform/errors/mask-error.js';
import { REQUEST_ID_HEADER } from '../platform/server/request-id.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * Sends subgraph requests with exactly the headers we choose. Whatever else the client sent,
 * including headers that look internal, never reaches a subgraph; identity travels only as
 * the bearer token, which each subgraph verifies itself.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraphName: string,
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
  ) {
    super(options);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers || !('context' in options)) return;
    const context = options.context as Partial<GatewayContext>;

    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.clientAddress) headers.set('x-forwarded-for', context.clientAddress);
  }

  /**
   * A subgraph that cannot be reached, times out or answers with something other than
   * GraphQL becomes one UPSTREAM_ERROR for the client; the cause, which names hosts and
   * ports, goes to the log only.
   */
  override didEncounterError(
    error: Error,
    _request: unknown,
    _response?: unknown,
    context?: GatewayContext,
  ): never {
    context?.logger.warn({ subgraph: this.subgraphName, err: error }, 'subgraph request failed');
    throw appError('UPSTREAM_ERROR', UPSTREAM_MESSAGE, { cause: error });
  }
}
