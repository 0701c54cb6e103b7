import type { IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';

export interface SubgraphClientOptions {
  /** Upper bound for one subgraph request, headers and body together, unless a post says. */
  readonly timeoutMs: number;
  /** Sockets kept per subgraph origin. */
  readonly connections: number;
}

/** A subgraph's answer, read in full. */
export interface SubgraphReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface SubgraphPost {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** This request's upper bound; the client's `timeoutMs` when absent. */
  readonly timeoutMs?: number;
}

export interface SubgraphClient {
  /** POSTs the body; rejects on a network failure or when the timeout passes. */
  post(request: SubgraphPost): Promise<SubgraphReply>;
  close(): Promise<void>;
}

/**
 * Sends subgraph requests through one undici Pool per origin, with undici's `request` rather
 * than `fetch`: the WHATWG layer (Request, Headers and stream objects for every call) costs
 * more CPU than the request itself on loopback. Sockets stay open between requests, and each
 * request is cut off at the configured timeout, so a hung subgraph cannot hold gateway
 * requests open. `request` never follows a redirect; a 3xx comes back as an answer that the
 * caller treats as a failure, so the token is never sent elsewhere.
 */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: options.connections,
        keepAliveTimeout: 30_000,
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  return {
    async post({ url, headers, body, timeoutMs = options.timeoutMs }) {
      const reply = await poolFor(url.origin).request({
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: reply.statusCode, headers: reply.headers, body: await reply.body.text() };
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
