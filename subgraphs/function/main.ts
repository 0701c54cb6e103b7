import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { runServiceMain } from '../../platform/server/run-service-main.js';
import { functionSubgraph } from './definition.js';

await runServiceMain('function', (logger) =>
  launchSubgraph({ name: 'function', define: functionSubgraph, logger }),
);
