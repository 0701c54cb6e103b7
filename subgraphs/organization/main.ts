import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { runServiceMain } from '../../platform/server/run-service-main.js';
import { organizationModule } from './definition.js';

await runServiceMain('organization', (logger) =>
  launchSubgraph({ module: organizationModule, logger }),
);
