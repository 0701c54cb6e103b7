import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { deleteExpiredIdempotencyKeys } from '../idempotency/idempotent-create.js';
import { deleteOldEmailVerifiedEvents, sweepEmailVerifiedEvents } from './email-verified-sweep.js';

export interface OrganizationSweeper {
  /** Sweeps now, or once more right after the sweep in progress; resolves when done. */
  wake(): Promise<void>;
  stop(): Promise<void>;
}

export interface SweeperOptions {
  readonly db: PrismaClient;
  readonly logger: Logger;
  readonly intervalMs: number;
}

/**
 * Organization's background work: auto-provisioning from verified-email events it has not
 * processed (at start-up, every `intervalMs`, and when a NOTIFY wakes it), and dropping
 * expired idempotency keys and old processed events. Sweeps never overlap; a wake during one
 * queues exactly one more.
 */
export function startOrganizationSweeper(options: SweeperOptions): OrganizationSweeper {
  const { db, logger } = options;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function sweepOnce(): Promise<void> {
    const report = await sweepEmailVerifiedEvents(db);
    if (report.joined.length > 0) {
      logger.info({ joined: report.joined }, 'auto-provisioned by verified email');
    }
    const now = new Date();
    const keys = await deleteExpiredIdempotencyKeys(db, now);
    const events = await deleteOldEmailVerifiedEvents(db, now);
    if (keys + events > 0) logger.debug({ keys, events }, 'dropped expired sweep records');
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await sweepOnce();
        } catch (error) {
          // The events stay unprocessed and the next sweep tries again.
          logger.error({ err: error }, 'organization sweep failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void wake(), options.intervalMs);
  timer.unref();
  void wake();

  return {
    wake,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
