import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { clearLapsedSuccessors, deleteExpiredRecords, type RetentionPolicy } from './sweep.js';

export interface IdentitySweeper {
  /** Runs both sweeps now; resolves when done (tests call it). */
  sweep(): Promise<void>;
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
  let running: Promise<unknown> = Promise.resolve();

  const clearSuccessors = async () => {
    const cleared = await clearLapsedSuccessors(db, {
      now: clock(),
      graceSeconds: options.graceSeconds,
    });
    if (cleared > 0) logger.debug({ cleared }, 'sealed refresh token successors dropped');
  };
  const deleteExpired = async () => {
    const deleted = await deleteExpiredRecords(db, { now: clock(), policy: options.retention });
    logger.debug({ deleted }, 'expired identity records deleted');
  };

  // One sweep at a time in this process, so a slow database does not pile them up.
  const serially = (work: () => Promise<void>, what: string) => () => {
    running = running.then(work).catch((error: unknown) => {
      logger.error({ err: error }, `${what} failed`);
    });
    return running;
  };

  const successorTimer = setInterval(
    serially(clearSuccessors, 'dropping lapsed refresh token successors'),
    options.successorIntervalMs,
  );
  const retentionTimer = setInterval(
    serially(deleteExpired, 'deleting expired identity records'),
    options.retentionIntervalMs,
  );
  // The sweeps alone must not keep the process alive.
  successorTimer.unref();
  retentionTimer.unref();

  return {
    async sweep() {
      await running;
      await clearSuccessors();
      await deleteExpired();
    },
    async stop() {
      clearInterval(successorTimer);
      clearInterval(retentionTimer);
      await running;
    },
  };
}
