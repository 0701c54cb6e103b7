/** The middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] as number) + upper) / 2;
}

/**
 * The median of per-round ratios `numerator[i] / denominator[i]`. Pairing the two variants
 * of the same round cancels drift between rounds (thermal throttling, a noisy neighbour)
 * better than dividing two medians would.
 */
export function medianRatio(numerator: readonly number[], denominator: readonly number[]): number {
  if (numerator.length !== denominator.length) {
    throw new TypeError('Paired ratios need as many numerators as denominators.');
  }
  return median(numerator.map((value, index) => value / (denominator[index] as number)));
}
