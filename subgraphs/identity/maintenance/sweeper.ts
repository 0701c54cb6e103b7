import type { PrismaClient } from '../../../generated/prisma/client.js';
import { startPeriodicWork } from '../../../platform/concurrency/periodic-work.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { clearLapsedSuccessors, deleteExpiredRecords, type RetentionPolicy } from './sweep.js';

export interface IdentitySweeper {
  stop(): Promise<void>;
}

export interface IdentitySweeperOptions {
  readonly db: PrismaClient;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly graceSeconds: number;
  readonly retention: RetentionPolicy;
  /** How often sealed successors past their window are dropped; the grace window itself. */
  readonly successorIntervalMs: number;
  /** How often expired rows are deleted. */
  readonly retentionIntervalMs: number;
}

/**
 * Runs identity's periodic clean-up. Several instances may each run one: every statement is
 * an idempotent conditional update or delete, so overlapping sweeps only repeat each other.
 * A failed sweep is logged and tried again at the next interval.
 */
export function startIdentitySweeper(options: IdentitySweeperOptions): IdentitySweeper {
  const { db, clock, logger } = options;

  const successors = startPeriodicWork({
    intervalMs: options.successorIntervalMs,
    logger,
    what: 'dropping lapsed refresh token successors',
    work: async () => {
      const cleared = await clearLapsedSuccessors(db, {
        now: clock(),
        graceSeconds: options.graceSeconds,
      });
      if (cleared > 0) logger.debug({ cleared }, 'sealed refresh token successors dropped');
    },
  });
  const retention = startPeriodicWork({
    intervalMs: options.retentionIntervalMs,
    logger,
    what: 'deleting expired identity records',
    work: async () => {
      const deleted = await deleteExpiredRecords(db, { now: clock(), policy: options.retention });
      logger.debug({ deleted }, 'expired identity records deleted');
    },
  });

  return {
    async stop() {
      await Promise.all([successors.stop(), retention.stop()]);
    },
  };
}
