import { createLogger } from '../../../platform/logging/logger.js';
import { launchSubgraph } from '../../../platform/server/launch-subgraph.js';
import type { SubgraphName } from '../../../platform/server/subgraph-config.js';
import { functionModule } from '../../../subgraphs/function/definition.js';
import { identityModule } from '../../../subgraphs/identity/definition.js';
import { organizationModule } from '../../../subgraphs/organization/definition.js';
import { serveFromChild } from './service-protocol.js';

/**
 * One subgraph (BENCH_SUBGRAPH) in a process of its own, joining the database and the
 * settings that subgraphs.ts reported, so that on a PostgreSQL server no single event loop
 * carries all three subgraphs. It is configured from the environment as its main.ts does.
 */

function launch(name: string | undefined) {
  const options = { env: process.env, logger: createLogger({ service: 'bench', level: 'silent' }) };
  switch (name as SubgraphName | undefined) {
    case 'identity':
      return launchSubgraph({ ...options, module: identityModule });
    case 'organization':
      return launchSubgraph({ ...options, module: organizationModule });
    case 'function':
      return launchSubgraph({ ...options, module: functionModule });
    default:
      throw new TypeError(`BENCH_SUBGRAPH names no subgraph: ${String(name)}.`);
  }
}

await serveFromChild(async () => {
  const service = await launch(process.env.BENCH_SUBGRAPH);
  return { url: service.url, stop: () => service.stop() };
});
