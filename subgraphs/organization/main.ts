import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { runServiceMain } from '../../platform/server/run-service-main.js';
import { organizationSubgraph } from './definition.js';

await runServiceMain('organization', (logger) =>
  launchSubgraph({ name: 'organization', define: organizationSubgraph, logger }),
);
