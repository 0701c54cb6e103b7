/** Measures one variant for the given number of seconds. */
export type Measure<Sample> = (seconds: number) => Promise<Sample>;

export interface AlternateRoundsOptions<Name extends string, Sample> {
  /** Variants in their forward order; every round measures each once. */
  readonly variants: Readonly<Record<Name, Measure<Sample>>>;
  readonly rounds: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly onProgress?: (message: string) => void;
}

/**
 * Runs every variant once as a discarded warm-up, then in rounds whose order flips each
 * time (A B C, C B A, ...), so a variant is not always the one measured after a heavy one or
 * late in the run. Returns the samples of each variant, one per round.
 */
export async function alternateRounds<Name extends string, Sample>(
  options: AlternateRoundsOptions<Name, Sample>,
): Promise<Record<Name, Sample[]>> {
  const names = Object.keys(options.variants) as Name[];
  const progress = options.onProgress ?? (() => undefined);
  const samples = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<
    Name,
    Sample[]
  >;

  for (const name of names) {
    progress(`warm-up ${name}`);
    await options.variants[name](options.warmupSeconds);
  }

  for (let round = 0; round < options.rounds; round += 1) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      progress(`round ${round + 1}/${options.rounds} ${name}`);
      samples[name].push(await options.variants[name](options.durationSeconds));
    }
  }
  return samples;
}
