import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveFromChild } from './service-protocol.js';

/**
 * The ceiling: bare `node:http` reading each request body and answering a fixed JSON body,
 * with no GraphQL, no routing and no other process behind it. No gateway on this machine can
 * be faster; how close one gets says how much of the path it adds.
 */

const BODY = JSON.stringify({
  data: {
    me: {
      id: '00000000-0000-4000-8000-000000000000',
      email: 'gateway-path-0@bench.example.com',
      memberships: [
        { role: 'OWNER', organization: { name: 'Gateway path 0' } },
        { role: 'MEMBER', organization: { name: 'Gateway path 1' } },
      ],
    },
  },
});
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': Buffer.byteLength(BODY),
};

await serveFromChild(async () => {
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      response.writeHead(200, HEADERS);
      response.end(BODY);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
});
