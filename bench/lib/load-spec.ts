import type { RateSample } from './in-process-rate.js';

/** One HTTP load measurement, as the parent hands it to the load generator process. */
export interface LoadSpec {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers: Readonly<Record<string, string>>;
  /** POST bodies, handed out in turn across all connections. */
  readonly bodies: readonly string[];
  /**
   * Headers that differ per request (e.g. one user's Authorization each), handed out in turn
   * like the bodies and added to `headers`; request i gets `bodies[i % n]` and
   * `headerSets[i % m]`.
   */
  readonly headerSets?: readonly Readonly<Record<string, string>>[];
}

/** A rate measured over HTTP: the in-process fields plus percentiles and failures. */
export interface LoadSample extends RateSample {
  readonly p50LatencyMs: number;
  readonly p99LatencyMs: number;
  /** Connection errors, timeouts, non-2xx answers, and 2xx answers carrying GraphQL errors. */
  readonly failures: number;
}

export type LoadRequestMessage = { readonly kind: 'run'; readonly spec: LoadSpec };

export type LoadReplyMessage =
  | { readonly kind: 'sample'; readonly sample: LoadSample }
  | { readonly kind: 'failed'; readonly message: string };
