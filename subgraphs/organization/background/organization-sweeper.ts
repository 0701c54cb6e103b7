import type { PrismaClient } from '../../../generated/prisma/client.js';
import {
  startPeriodicWork,
  type PeriodicWork,
} from '../../../platform/concurrency/periodic-work.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { deleteExpiredIdempotencyKeys } from '../idempotency/idempotent-create.js';
import { deleteOldEmailVerifiedEvents, sweepEmailVerifiedEvents } from './email-verified-sweep.js';

export interface SweeperOptions {
  readonly db: PrismaClient;
  readonly logger: Logger;
  readonly intervalMs: number;
}

/**
 * Organization's background work: auto-provisioning from verified-email events it has not
 * processed (at start-up, every `intervalMs`, and whenever `run` is called, as a NOTIFY
 * does), and dropping expired idempotency keys and old processed events.
 */
export function startOrganizationSweeper(options: SweeperOptions): PeriodicWork {
  const { db, logger } = options;
  return startPeriodicWork({
    intervalMs: options.intervalMs,
    logger,
    // The events stay unprocessed after a failure, and the next sweep tries again.
    what: 'organization sweep',
    runAtStart: true,
    work: async () => {
      const report = await sweepEmailVerifiedEvents(db);
      if (report.joined.length > 0) {
        logger.info({ joined: report.joined }, 'auto-provisioned by verified email');
      }
      const now = new Date();
      const keys = await deleteExpiredIdempotencyKeys(db, now);
      const events = await deleteOldEmailVerifiedEvents(db, now);
      if (keys + events > 0) logger.debug({ keys, events }, 'dropped expired sweep records');
    },
  });
}
