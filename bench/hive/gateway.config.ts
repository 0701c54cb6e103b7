import { defineConfig } from '@graphql-hive/gateway';

/**
 * Hive Gateway as a second Federation 2 router over our composed supergraph, used by the
 * resilience suite to compare answers and by benchmarks to compare cost:
 *
 *   IDENTITY_URL=… ORGANIZATION_URL=… FUNCTION_URL=… \
 *     npx hive-gateway supergraph schema/supergraph.graphql \
 *       -c bench/hive/gateway.config.ts --host 127.0.0.1 --port 4100
 *
 * It reads the same subgraph URL variables as gateway/, and forwards what our own gateway
 * forwards: the Authorization header, which each subgraph verifies itself, and the client's
 * address. Nothing else a client sends reaches a subgraph.
 */

const SUBGRAPH_URL_VARIABLES = {
  identity: 'IDENTITY_URL',
  organization: 'ORGANIZATION_URL',
  function: 'FUNCTION_URL',
} as const;

/** Overrides the routing URLs written into the supergraph at composition time. */
function subgraphLocations(): Record<string, { location: string }> {
  const entries: Record<string, { location: string }> = {};
  for (const [subgraph, variable] of Object.entries(SUBGRAPH_URL_VARIABLES)) {
    const location = process.env[variable];
    if (location) entries[subgraph] = { location };
  }
  return entries;
}

/** The peer address of the client connection, when the server adapter exposes it (Node). */
function peerAddress(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || !('req' in context)) return undefined;
  const { req } = context as { req?: { socket?: { remoteAddress?: unknown } } };
  const address = req?.socket?.remoteAddress;
  return typeof address === 'string' ? address : undefined;
}

/**
 * `X-Forwarded-For` as received with the peer appended, the way a proxy extends it. Subgraphs
 * list this router in TRUSTED_PROXIES and take the nearest untrusted hop, so a client cannot
 * choose the address its sign-in failures are counted against.
 */
function forwardedFor(request: Request, context: unknown): string | undefined {
  const peer = peerAddress(context);
  if (!peer) return undefined;
  const received = request.headers.get('x-forwarded-for');
  return received ? `${received}, ${peer}` : peer;
}

export const gatewayConfig = defineConfig({
  transportEntries: subgraphLocations(),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, context }) => ({
      authorization: request.headers.get('authorization'),
      'x-forwarded-for': forwardedFor(request, context),
    }),
  },
});
