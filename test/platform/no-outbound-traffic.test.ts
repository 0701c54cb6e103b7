import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/graphql-client.js';
import { testDatabaseKinds } from '../support/databases.js';
import { startSystem, type TestSystem } from '../support/system.js';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|localhost$)/;

describe.each(testDatabaseKinds)('outbound connections (%s)', (databaseKind) => {
  const destinations: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  let system: TestSystem;

  beforeAll(async () => {
    // Records every TCP connection this process opens, whoever opens it.
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      // net.connect() passes its normalised [options, callback] pair as the first argument.
      const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
      const options = (typeof first === 'object' && first !== null ? first : {}) as {
        host?: unknown;
        path?: unknown;
      };
      // Unix sockets (a `path`) never leave the machine; TCP without a host goes to localhost.
      if (typeof options.path !== 'string') destinations.push(String(options.host ?? 'localhost'));
      return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;

    system = await startSystem({ databaseKind });
    const token = await system.tokenFor((await system.createUser()).id);
    await postGraphQL(
      system.gatewayUrl,
      { query: '{ me { id memberships { role } } }' },
      { token },
    );
    // Telemetry exporters and cloud detectors, if enabled, start within the first second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  });

  afterAll(async () => {
    net.Socket.prototype.connect = originalConnect;
    await system?.stop();
  });

  it('go to loopback only: no telemetry, no cloud metadata probes', () => {
    expect(destinations.length).toBeGreaterThan(0);
    expect(destinations.filter((host) => !LOOPBACK.test(host))).toEqual([]);
  });
});
