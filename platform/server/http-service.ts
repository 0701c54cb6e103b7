import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { clientAddressOf, type TrustedProxies } from './client-address.js';
import { sendRequestError } from './http-responses.js';
import { isLoggedByPipeline, outcomeOf } from './request-log.js';
import { assignRequestId, REQUEST_ID_HEADER } from './request-id.js';
import { arrivedOverTls, HSTS_HEADER_VALUE, type TransportPolicy } from './transport-security.js';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

export interface HttpServiceOptions {
  readonly name: string;
  readonly logger: Logger;
  readonly graphqlPath?: string;
  readonly graphql: RouteHandler;
  /** Plain routes answered on GET, such as `/health`; they skip the HTTPS requirement. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** Routes that, unlike health probes, are part of the public surface and need HTTPS. */
  readonly publicRoutes?: Readonly<Record<string, RouteHandler>>;
  readonly transport?: TransportPolicy;
  readonly tls?: TlsFiles;
  /** How long a graceful stop waits for in-flight requests before closing their sockets. */
  readonly shutdownGraceMs?: number;
  /** Proxies whose `X-Forwarded-For` names the client in log lines; the transport's if unset. */
  readonly trustedProxies?: TrustedProxies;
  /**
   * Whether to keep the `X-Request-Id` a request arrived with (when it is short and plain).
   * The gateway keeps it only from a trusted proxy; subgraphs keep the gateway's. Default: yes.
   */
  readonly acceptsRequestId?: (request: IncomingMessage) => boolean;
}

export interface RunningHttpService {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  stop(): Promise<void>;
}

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const end = url.indexOf('?');
  return end === -1 ? url : url.slice(0, end);
}

export async function startHttpService(
  options: HttpServiceOptions,
  listen: ListenOptions,
): Promise<RunningHttpService> {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const routes = options.routes ?? {};
  const publicRoutes = options.publicRoutes ?? {};
  const { logger, transport } = options;
  const trustedProxies = options.trustedProxies ?? transport?.trustedProxies ?? new Set();
  const acceptsRequestId = options.acceptsRequestId ?? (() => true);

  /**
   * The one line for a request that Apollo's pipeline did not log: refused at the HTTP level,
   * a probe, or a plain route. Probes and other successes log at debug, since load balancers
   * call them every few seconds; refusals at info, failures of ours at error.
   */
  const logHttpRequest = (
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    started: number,
  ) => {
    if (isLoggedByPipeline(request)) return;
    const status = response.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug';
    logger[level](
      {
        requestId,
        method: request.method,
        path: pathOf(request),
        status,
        outcome: outcomeOf(response),
        clientAddress: clientAddressOf(request, trustedProxies),
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      },
      'http request',
    );
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = pathOf(request);
    const probe = routes[path];
    if (probe && (request.method === 'GET' || request.method === 'HEAD')) {
      await probe(request, response);
      return;
    }

    if (transport) {
      const secure = arrivedOverTls(request, transport);
      if (secure && transport.requireHttps) {
        response.setHeader('strict-transport-security', HSTS_HEADER_VALUE);
      }
      if (!secure && transport.requireHttps) {
        sendRequestError(response, 403, 'BAD_REQUEST', 'This service is only served over HTTPS.');
        return;
      }
    }

    const route = publicRoutes[path];
    if (route && (request.method === 'GET' || request.method === 'HEAD')) {
      await route(request, response);
      return;
    }
    if (path === graphqlPath) {
      await options.graphql(request, response);
      return;
    }
    sendRequestError(response, 404, 'NOT_FOUND', `No route for ${request.method} ${path}.`);
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    // Chosen before any route runs, so every answer carries it, refusals included.
    const requestId = assignRequestId(request, acceptsRequestId(request));
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.once('close', () => logHttpRequest(request, response, requestId, started));

    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, requestId }, 'request handler failed');
      if (!response.headersSent) {
        sendRequestError(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      } else {
        response.destroy();
      }
    });
  };

  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttpServer(listener);
  // Keep-alive from the gateway must outlive its pool's idle timeout, or sockets die in use.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const url = `${scheme}://${host}:${port}${graphqlPath}`;
  const grace = options.shutdownGraceMs ?? 10_000;

  const stop = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets become idle as their last response goes out; close each as it does,
    // so shutdown waits for requests in flight and not for clients' idle connections.
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), grace);
    timer.unref();
    await closed;
    clearInterval(sweeper);
    clearTimeout(timer);
  };

  return { url, port, stop };
}
