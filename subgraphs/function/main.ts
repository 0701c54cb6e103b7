import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { runServiceMain } from '../../platform/server/run-service-main.js';
import { functionModule } from './definition.js';

await runServiceMain('function', (logger) => launchSubgraph({ module: functionModule, logger }));
