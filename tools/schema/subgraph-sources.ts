import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { schemaFiles } from './schema-files.js';

/** One subgraph as composition sees it: its name, routing URL and SDL text. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

// These URLs are only the local defaults written into schema/supergraph.graphql; the gateway
// replaces every subgraph's URL from its own config at runtime, so one committed supergraph
// serves every environment.
const subgraphs = [
  { name: 'identity', url: 'http://127.0.0.1:4001/graphql' },
  { name: 'organization', url: 'http://127.0.0.1:4002/graphql' },
  { name: 'function', url: 'http://127.0.0.1:4003/graphql' },
] as const;

/** Reads schema/<name>.graphql for every subgraph. */
export async function readSubgraphSources(): Promise<readonly SubgraphSource[]> {
  return Promise.all(
    subgraphs.map(async ({ name, url }) => ({
      name,
      url,
      sdl: await readFile(join(schemaFiles.projectRoot, 'schema', `${name}.graphql`), 'utf8'),
    })),
  );
}
