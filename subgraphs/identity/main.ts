import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { runServiceMain } from '../../platform/server/run-service-main.js';
import { identitySubgraph } from './definition.js';

await runServiceMain('identity', (logger) =>
  launchSubgraph({ name: 'identity', define: identitySubgraph, logger }),
);
