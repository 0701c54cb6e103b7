import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSharedConfig,
  startService,
  stopAllChildren,
  type SharedConfig,
} from '../support/processes.js';
import { scratchDatabaseOrEmbedded } from './peers.js';

// On the TEST_DATABASE_URL server when set, otherwise on each service's embedded database.
describe('a service stopped with SIGTERM', () => {
  let database: Awaited<ReturnType<typeof scratchDatabaseOrEmbedded>>;
  let shared: SharedConfig;

  beforeAll(async () => {
    database = await scratchDatabaseOrEmbedded();
    shared = await createSharedConfig({
      databaseUrl: database.url,
      env: { LOG_LEVEL: 'info' },
    });
  });

  afterAll(async () => {
    await stopAllChildren();
    await shared?.remove();
    await database?.drop();
  });

  it.each(['identity', 'gateway'] as const)(
    'stops %s through its own graceful path and exits 0',
    async (name) => {
      const service = await startService({ name, env: shared.env });
      const child = service.child();
      child.signal('SIGTERM');
      expect(await child.exited).toBe('exit code 0');
      expect(child.output()).toContain('"msg":"shutting down"');
      expect(child.output()).toContain('"msg":"stopped"');
    },
  );
});
