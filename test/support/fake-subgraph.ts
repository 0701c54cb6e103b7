import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake subgraph received: its headers and parsed JSON body. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: { readonly query?: string; readonly variables?: Record<string, unknown> };
}

/** What a fake subgraph does with a request: answer with this JSON, or never answer. */
export type FakeAnswer = { readonly json: unknown; readonly status?: number } | 'hang';

/**
 * A real HTTP server on a loopback port, registered with the gateway in place of a subgraph:
 * it records what the gateway sends and answers as told, so a test can play a subgraph that
 * leaks internals, hangs, or counts connections. It speaks GraphQL over HTTP only as far as
 * the JSON answer it is given.
 */
export interface FakeSubgraph {
  /** The GraphQL endpoint, for IDENTITY_URL and the like. */
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** TCP connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

export async function startFakeSubgraph(
  answer: (request: ReceivedRequest) => FakeAnswer,
): Promise<FakeSubgraph> {
  const received: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  let connections = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: ReceivedRequest = {
        headers: request.headers,
        body: text ? (JSON.parse(text) as ReceivedRequest['body']) : {},
      };
      received.push(entry);

      const reply = answer(entry);
      if (reply === 'hang') {
        hanging.push(response);
        return;
      }
      const json = JSON.stringify(reply.json);
      response.writeHead(reply.status ?? 200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
      });
      response.end(json);
    });
  });
  server.on('connection', () => (connections += 1));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    connections: () => connections,
    stop: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
