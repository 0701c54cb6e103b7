import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '../platform/server/request-id.js';
import type { GatewayContext } from './gateway-context.js';

/**
 * Sends subgraph requests with exactly the headers we choose. Whatever else the client sent,
 * including headers that look internal, never reaches a subgraph; identity travels only as
 * the bearer token, which each subgraph verifies itself.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers || !('context' in options)) return;
    const context = options.context as Partial<GatewayContext>;

    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.clientAddress) headers.set('x-forwarded-for', context.clientAddress);
  }
}
