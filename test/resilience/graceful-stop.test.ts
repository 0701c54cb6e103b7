import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSharedConfig,
  startService,
  stopAllChildren,
  type SharedConfig,
} from '../support/processes.js';
import { createScratchDatabase, type ScratchDatabase } from './peers.js';

describe('a service stopped with SIGTERM', () => {
  let database: ScratchDatabase;
  let shared: SharedConfig;

  beforeAll(async () => {
    database = await createScratchDatabase();
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
