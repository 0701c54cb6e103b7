import { performance } from 'node:perf_hooks';

/** How fast one operation ran in this process over a stretch of time. */
export interface RateSample {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Mean time from call to result; with several in flight it includes waiting for a turn. */
  readonly meanLatencyMs: number;
}

/** Keeps results reachable so the optimizer cannot drop a call whose value goes unused. */
const sink: { last: unknown } = { last: undefined };

/** How often the clock is read in a synchronous loop; reading it costs about as much as a parse. */
const CLOCK_CHECK_EVERY = 256;

function sample(count: number, milliseconds: number, inFlight: number): RateSample {
  return {
    count,
    seconds: milliseconds / 1000,
    perSecond: (count * 1000) / milliseconds,
    meanLatencyMs: (milliseconds * inFlight) / count,
  };
}

/** Calls a synchronous operation back to back for `seconds`. */
export function measureSyncRate(operation: () => unknown, seconds: number): RateSample {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let operations = 0;
  let now = start;
  while (now < deadline) {
    for (let index = 0; index < CLOCK_CHECK_EVERY; index += 1) sink.last = operation();
    operations += CLOCK_CHECK_EVERY;
    now = performance.now();
  }
  return sample(operations, now - start, 1);
}

/**
 * Keeps `concurrency` calls of an asynchronous operation in flight for `seconds`, the way a
 * server has several requests at once; work that Node hands to its thread pool (Argon2,
 * WebCrypto) then uses every core.
 */
export async function measureAsyncRate(
  operation: () => Promise<unknown>,
  options: { readonly seconds: number; readonly concurrency: number },
): Promise<RateSample> {
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  let operations = 0;

  const lane = async () => {
    while (performance.now() < deadline) {
      sink.last = await operation();
      operations += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return sample(operations, performance.now() - start, options.concurrency);
}
