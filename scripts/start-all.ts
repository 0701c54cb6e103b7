import { launchGateway } from '../gateway/launch-gateway.js';
import { functionModule } from '../subgraphs/function/definition.js';
import { identityModule } from '../subgraphs/identity/definition.js';
import { organizationModule } from '../subgraphs/organization/definition.js';
import { loadConfig } from '../platform/config/load-config.js';
import { commonVariables } from '../platform/config/variables.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { launchSubgraph, type LaunchedService } from '../platform/server/launch-subgraph.js';
import { runServiceMain } from '../platform/server/run-service-main.js';
import { z } from 'zod';

/**
 * `npm start`: the gateway and the three subgraphs in one process, each on its own port.
 * One process lets all four share the embedded database, which only one process may open;
 * in production each service runs alone (`subgraphs/<name>/main.ts`, `gateway/main.ts`).
 */
await runServiceMain('system', async (logger) => {
  const common = loadConfig(z.object(commonVariables));
  const database = await openDatabase({
    databaseUrl: common.DATABASE_URL,
    dataDir: common.DATA_DIR,
    logger: logger.child({ component: 'database' }),
  });

  const child = (service: string) => createLogger({ service, level: common.LOG_LEVEL });
  const services: LaunchedService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await database.close();
  };

  try {
    const identity = await launchSubgraph({
      module: identityModule,
      database,
      logger: child('identity'),
    });
    services.push(identity);
    const organization = await launchSubgraph({
      module: organizationModule,
      database,
      logger: child('organization'),
    });
    services.push(organization);
    const fn = await launchSubgraph({
      module: functionModule,
      database,
      logger: child('function'),
    });
    services.push(fn);
    // The gateway finds the subgraphs where they started, so changing a subgraph's port is
    // enough; an explicit IDENTITY_URL (and the like) still wins.
    const env = {
      ...process.env,
      IDENTITY_URL: process.env.IDENTITY_URL || identity.url,
      ORGANIZATION_URL: process.env.ORGANIZATION_URL || organization.url,
      FUNCTION_URL: process.env.FUNCTION_URL || fn.url,
    };
    services.push(await launchGateway({ env, logger: child('gateway') }));
  } catch (error) {
    await stop();
    throw error;
  }

  const lines = services.map((service) => `  ${service.name.padEnd(13)} ${service.url}`);
  console.log(`\nThe system is up (${database.kind} database):\n${lines.join('\n')}\n`);
  return { name: 'system', url: services.at(-1)?.url ?? '', port: 0, stop };
});
