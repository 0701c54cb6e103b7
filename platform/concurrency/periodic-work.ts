import type { Logger } from '../logging/logger.js';

export interface PeriodicWork {
  /**
   * Runs the work now, or once more right after the run in progress; resolves when that run
   * is over. A failure is logged, not thrown: the next run tries again.
   */
  run(): Promise<void>;
  /** No further runs; resolves once the one in progress has finished. */
  stop(): Promise<void>;
}

export interface PeriodicWorkOptions {
  readonly intervalMs: number;
  readonly work: () => Promise<void>;
  readonly logger: Logger;
  /** Named in the error line of a failed run: "<what> failed". */
  readonly what: string;
  /** Whether to run once right away instead of waiting for the first interval. */
  readonly runAtStart?: boolean;
}

/**
 * Background work of a service (sweeps, clean-ups) every `intervalMs`, and on demand. Runs
 * never overlap in this process, so a slow database does not pile them up, and a request for
 * a run during one queues exactly one more. The timer does not keep the process alive.
 */
export function startPeriodicWork(options: PeriodicWorkOptions): PeriodicWork {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const runOnce = async () => {
    try {
      await options.work();
    } catch (error) {
      options.logger.error({ err: error }, `${options.what} failed`);
    }
  };

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  if (options.runAtStart) void run();

  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
