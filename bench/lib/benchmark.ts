import type { BenchSystem } from './bench-system.js';
import type { LoadGenerator } from './load-generator.js';
import type { BenchOptions } from './options.js';

/** A table of one benchmark's findings, its cells already formatted. */
export interface ResultTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What one benchmark reports: tables for people, metrics and samples for tools. */
export interface BenchmarkFindings {
  readonly tables: readonly ResultTable[];
  /** How to read the tables, and what to keep in mind; one sentence each. */
  readonly notes: readonly string[];
  /** Medians and ratios by name, e.g. `signInPerSecond`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Every round's raw sample per variant. */
  readonly samples: Readonly<Record<string, readonly unknown[]>>;
}

/** What a benchmark may use; the system and the load generator start on first use. */
export interface BenchContext {
  readonly options: BenchOptions;
  system(): Promise<BenchSystem>;
  loadGenerator(): Promise<LoadGenerator>;
  progress(message: string): void;
}

export interface Benchmark {
  /** Kebab-case; names the results file and the `--only` choice. */
  readonly name: string;
  readonly title: string;
  /** One paragraph on what is measured and against which baseline. */
  readonly description: string;
  run(context: BenchContext): Promise<BenchmarkFindings>;
}
