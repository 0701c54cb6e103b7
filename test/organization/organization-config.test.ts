import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config/config-error.js';
import { launchSubgraph } from '../../platform/server/launch-subgraph.js';
import { organizationModule } from '../../subgraphs/organization/definition.js';

const DNS_MESSAGE =
  'DNS_SERVERS: expected IP addresses with optional ports, comma-separated, e.g. 10.0.0.2:53';

let dataDir: string;

/** Starts organization with the given variables; resolves to its ConfigError problems. */
async function startupProblems(env: Record<string, string>): Promise<readonly string[]> {
  try {
    const service = await launchSubgraph({
      module: organizationModule,
      env: { DATA_DIR: dataDir, ORGANIZATION_PORT: '0', ...env },
    });
    await service.stop();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('organization configuration at start-up', () => {
  // A data directory of its own, in case a value wrongly passes and the service starts.
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'organization-config-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    'dns.example.com',
    '127.0.0.1:notaport',
    '10.0.0.1, resolver',
    '[::1]:port',
    '10.0.0.1:99999',
    '300.0.0.1',
    ',',
  ])('refuses DNS_SERVERS=%j, naming the variable', async (value) => {
    expect(await startupProblems({ DNS_SERVERS: value })).toEqual([DNS_MESSAGE]);
  });

  it('refuses an unreadable OAUTH_ISSUER_CA_FILE before serving', async () => {
    await expect(
      launchSubgraph({
        module: organizationModule,
        env: {
          DATA_DIR: dataDir,
          OAUTH_ISSUER_CA_FILE: '/nonexistent/ca.pem',
          ORGANIZATION_PORT: '0',
        },
      }),
    ).rejects.toThrow('OAUTH_ISSUER_CA_FILE could not be read: /nonexistent/ca.pem');
  });

  it('starts with DNS servers written as IPv4 and IPv6 addresses, with and without ports', async () => {
    expect(
      await startupProblems({ DNS_SERVERS: '127.0.0.1:5353, 10.0.0.2, [::1]:53, ::1' }),
    ).toEqual([]);
  });
});
