import { hiveGatewayArguments } from '../hive/hive-command.js';
import { processCpuSeconds, processesNamedCpuSeconds } from './process-stats.js';
import {
  forkService,
  freeLoopbackPort,
  spawnService,
  type ServiceProcess,
} from './service-process.js';

/** The gateways and the ceiling that the gateway-path benchmark compares. */
export type PathServer = 'ceiling' | 'apollo' | 'hive' | 'ours';

/**
 * Every process of a gateway-path run. On the embedded database the three subgraphs share
 * one process, since PGlite lives inside it; on a PostgreSQL server each subgraph runs in a
 * process of its own, as deployed, so that no single event loop carries all three and caps
 * every gateway at the same rate.
 */
export interface PathProcesses {
  /** Identity first: it answers the direct query, and the accounts signed in through it. */
  readonly subgraphs: readonly [ServiceProcess, ...ServiceProcess[]];
  readonly servers: Readonly<Record<PathServer, ServiceProcess>>;
  /** Access tokens of the signed-in accounts, taken in turn by the requests. */
  readonly accessTokens: readonly string[];
  /** The command names of processes on this machine that serve the subgraphs' database. */
  readonly databaseProcessNames: readonly string[];
}

async function startHive(routing: Readonly<Record<string, string>>): Promise<ServiceProcess> {
  const port = await freeLoopbackPort();
  const origin = `http://127.0.0.1:${port}`;
  return spawnService({
    label: 'Hive Gateway',
    args: hiveGatewayArguments(port),
    env: { NODE_ENV: 'production', ...routing },
    url: `${origin}/graphql`,
    readinessUrl: `${origin}/readiness`,
  });
}

/** Resolves all or stops those that started and rethrows the first failure. */
async function allOrNone(starting: readonly Promise<ServiceProcess>[]) {
  const started = await Promise.allSettled(starting);
  const failed = started.find((result) => result.status === 'rejected');
  if (!failed) {
    return started.map((result) => (result as PromiseFulfilledResult<ServiceProcess>).value);
  }
  for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
  throw failed.reason;
}

/** Subgraphs first (the gateways need their URLs), then every server at once. */
export async function startPathProcesses(options: {
  readonly databaseServerUrl: string | undefined;
  readonly accounts: number;
  readonly databaseProcessNames: readonly string[];
}): Promise<PathProcesses> {
  const split = options.databaseServerUrl !== undefined;
  const identity = await forkService({
    label: split ? 'identity' : 'subgraphs',
    module: 'subgraphs.ts',
    env: {
      BENCH_DATABASE_SERVER_URL: options.databaseServerUrl ?? '',
      BENCH_ACCOUNTS: String(options.accounts),
      BENCH_SUBGRAPHS: split ? 'identity' : '',
    },
  });
  const stopped: ServiceProcess[] = [identity];
  try {
    // Everything but the tokens, which are the clients', travels to the other processes.
    const shared = Object.fromEntries(
      Object.entries(identity.details).filter(([name]) => name !== 'ACCESS_TOKENS'),
    );
    const others = split
      ? await allOrNone(
          (['organization', 'function'] as const).map((name) =>
            forkService({
              label: name,
              module: 'subgraph.ts',
              env: { ...shared, BENCH_SUBGRAPH: name, LOG_LEVEL: 'silent' },
            }),
          ),
        )
      : [];
    stopped.push(...others);
    const routing = {
      IDENTITY_URL: shared.IDENTITY_URL ?? '',
      ORGANIZATION_URL: others[0]?.url ?? shared.ORGANIZATION_URL ?? '',
      FUNCTION_URL: others[1]?.url ?? shared.FUNCTION_URL ?? '',
    };

    const [ceiling, apollo, hive, ours] = (await allOrNone([
      forkService({ label: 'ceiling', module: 'ceiling.ts', env: {} }),
      forkService({
        label: '@apollo/gateway',
        module: 'apollo-gateway.ts',
        env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true', ...routing },
      }),
      startHive(routing),
      // As deployed: production settings and one info line per request, here to /dev/null.
      forkService({
        label: 'our gateway',
        module: 'gateway.ts',
        env: { ...shared, ...routing, LOG_LEVEL: 'info', GATEWAY_PORT: '0' },
      }),
    ])) as [ServiceProcess, ServiceProcess, ServiceProcess, ServiceProcess];
    return {
      subgraphs: [identity, ...others],
      servers: { ceiling, apollo, hive, ours },
      accessTokens: (identity.details.ACCESS_TOKENS ?? '').split(' ').filter(Boolean),
      databaseProcessNames: split ? options.databaseProcessNames : [],
    };
  } catch (error) {
    for (const service of stopped.reverse()) await service.stop();
    throw error;
  }
}

export async function stopPathProcesses(processes: PathProcesses): Promise<void> {
  await Promise.all(Object.values(processes.servers).map((server) => server.stop()));
  for (const subgraph of [...processes.subgraphs].reverse()) await subgraph.stop();
}

/**
 * CPU seconds the subgraphs have spent so far, with the database server's processes when it
 * runs on this machine: the work a gateway causes behind it.
 */
export function subgraphsCpuSeconds(processes: PathProcesses): number {
  const own = processes.subgraphs.reduce((sum, service) => sum + processCpuSeconds(service.pid), 0);
  return processes.databaseProcessNames.reduce(
    (sum, name) => sum + processesNamedCpuSeconds(name),
    own,
  );
}
