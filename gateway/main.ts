import { runServiceMain } from '../platform/server/run-service-main.js';
import { launchGateway } from './launch-gateway.js';

await runServiceMain('gateway', (logger) => launchGateway({ logger }));
