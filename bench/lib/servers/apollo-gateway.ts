import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { serveFromChild } from './service-protocol.js';

/**
 * `@apollo/gateway` as it comes, with none of our additions: the composed supergraph, the
 * default data source (which sends through make-fetch-happen) and the standalone server,
 * forwarding only the Authorization header. The parent sets APOLLO_TELEMETRY_DISABLED, as
 * our gateway does, so neither probes cloud metadata addresses during a run.
 */

interface ForwardedContext {
  readonly authorization: string | undefined;
}

class ForwardingDataSource extends RemoteGraphQLDataSource<ForwardedContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<ForwardedContext>): void {
    const authorization = 'context' in options ? options.context.authorization : undefined;
    if (authorization) options.request.http?.headers.set('authorization', authorization);
  }
}

const SUPERGRAPH_FILE = path.resolve(import.meta.dirname, '../../../schema/supergraph.graphql');

function subgraphUrl(name: string, composed: string | undefined): string | undefined {
  return process.env[`${name.toUpperCase()}_URL`] ?? composed;
}

await serveFromChild(async () => {
  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) => new ForwardingDataSource({ url: subgraphUrl(name, url) }),
  });
  const server = new ApolloServer<ForwardedContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, stop: () => server.stop() };
});
