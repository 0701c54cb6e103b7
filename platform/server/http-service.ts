import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { sendRequestError } from './http-responses.js';
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
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'request handler failed');
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
