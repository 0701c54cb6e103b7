import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { runServiceMain } from '../../platform/server/run-service-main.js';
import { identityModule } from './definition.js';

await runServiceMain('identity', (logger) => launchSubgraph({ module: identityModule, logger }));
