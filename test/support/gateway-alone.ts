import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchGateway } from '../../gateway/launch-gateway.js';
import { ensureSigningKeyFile } from '../../platform/auth/signing-key-file.js';
import { captureLogs, type CapturedLogs } from './log-capture.js';
import { freePort } from './processes.js';

/** The gateway on a loopback port, without subgraphs of its own, with its logs captured. */
export interface GatewayAlone {
  readonly url: string;
  readonly logs: CapturedLogs;
  stop(): Promise<void>;
}

export interface GatewayAloneOptions {
  /** Subgraph endpoints, e.g. fake subgraphs; the others point at a port nobody listens on. */
  readonly subgraphUrls?: Partial<Record<'identity' | 'organization' | 'function', string>>;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts only the gateway. It needs no database and no subgraph to start, since the
 * supergraph is composed at build time; requests go to whatever `subgraphUrls` name.
 */
export async function startGatewayAlone(options: GatewayAloneOptions = {}): Promise<GatewayAlone> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gateway-'));
  const signingKeysFile = path.join(dataDir, 'signing-keys.json');
  await ensureSigningKeyFile(signingKeysFile);
  const nobody = `http://127.0.0.1:${await freePort()}/graphql`;
  const logs = captureLogs();

  const gateway = await launchGateway({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      DATA_DIR: dataDir,
      SIGNING_KEYS_FILE: signingKeysFile,
      GATEWAY_PORT: '0',
      IDENTITY_URL: options.subgraphUrls?.identity ?? nobody,
      ORGANIZATION_URL: options.subgraphUrls?.organization ?? nobody,
      FUNCTION_URL: options.subgraphUrls?.function ?? nobody,
      SUBGRAPH_TIMEOUT_MS: '5000',
      ...options.env,
    },
    logger: logs.logger('gateway'),
  });

  return {
    url: gateway.url,
    logs,
    stop: async () => {
      await gateway.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
