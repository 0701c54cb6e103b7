import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { appError } from '../platform/errors/app-error.js';
import { UPSTREAM_MESSAGE } from '../platform/errors/mask-error.js';
import { REQUEST_ID_HEADER } from '../platform/server/request-id.js';
import type { GatewayContext } from './gateway-context.js';
import type { SubgraphClient } from './subgraph-client.js';

export interface SubgraphDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly client: SubgraphClient;
  /** Upper bound for one request to this subgraph. */
  readonly timeoutMs: number;
}

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

const JSON_CONTENT = /^application\/(graphql-response\+)?json\b/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parts of a subgraph's Cache-Control that narrow the response's cache policy. */
function cacheHint(header: string | string[] | undefined) {
  const directives = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((directive) => directive.trim().toLowerCase());
  const maxAge = directives.find((directive) => directive.startsWith('max-age='))?.slice(8);
  return {
    maxAge: maxAge && /^\d+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(directives.includes('private') ? { scope: 'PRIVATE' as const } : {}),
    ...(directives.includes('public') ? { scope: 'PUBLIC' as const } : {}),
  };
}

/**
 * Sends subgraph requests with exactly the headers we choose. Whatever else the client sent,
 * including headers that look internal, never reaches a subgraph; identity travels only as
 * the bearer token, which each subgraph verifies itself.
 *
 * It does what `RemoteGraphQLDataSource` does for us (one POST of the operation, the answer
 * read as GraphQL, the subgraph's Cache-Control narrowing the response's) without its
 * per-request node-fetch objects, which showed in the gateway's profile.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly url: URL;
  private readonly client: SubgraphClient;
  private readonly timeoutMs: number;

  constructor(options: SubgraphDataSourceOptions) {
    this.name = options.name;
    this.url = new URL(options.url);
    this.client = options.client;
    this.timeoutMs = options.timeoutMs;
  }

  async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new TypeError(`No operation to send to ${this.name}.`);
    const context = options.context as Partial<GatewayContext>;

    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    if (context.authorization) headers.authorization = context.authorization;
    if (context.requestId) headers[REQUEST_ID_HEADER] = context.requestId;
    if (context.clientAddress) headers['x-forwarded-for'] = context.clientAddress;

    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });

    let response: GatewayGraphQLResponse;
    let cacheControl: string | string[] | undefined;
    try {
      const reply = await this.client.post({
        url: this.url,
        headers,
        body,
        timeoutMs: this.timeoutMs,
      });
      if (reply.status < 200 || reply.status > 299) {
        throw new Error(`${this.name} answered with status ${reply.status}.`);
      }
      const type = reply.headers['content-type'];
      if (typeof type !== 'string' || !JSON_CONTENT.test(type)) {
        throw new Error(`${this.name} answered with content type ${String(type)}, not JSON.`);
      }
      const parsed: unknown = JSON.parse(reply.body);
      if (!isObject(parsed)) throw new Error(`${this.name} answered with JSON that is no object.`);
      response = parsed as GatewayGraphQLResponse;
      cacheControl = reply.headers['cache-control'];
    } catch (error) {
      this.fail(error, context);
    }

    // Only an operation a client sent has a response whose cache policy to narrow.
    if ('incomingRequestContext' in options) {
      const policy = options.incomingRequestContext.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHint(cacheControl));
    }
    return response;
  }

  /**
   * A subgraph that cannot be reached, times out or answers with something other than
   * GraphQL becomes one UPSTREAM_ERROR for the client; the cause, which names hosts and
   * ports, goes to the log only.
   */
  private fail(error: unknown, context: Partial<GatewayContext>): never {
    context.logger?.warn({ subgraph: this.name, err: error }, 'subgraph request failed');
    throw appError('UPSTREAM_ERROR', UPSTREAM_MESSAGE, { cause: error });
  }
}
