/** Cell formats for result tables; the JSON files keep the unrounded numbers. */

const grouped = (value: number, fractionDigits: number) =>
  value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });

/** Whole numbers with thousands separators above 100, one decimal below. */
export function perSecond(value: number): string {
  return grouped(value, value >= 100 ? 0 : 1);
}

/** Three significant digits at most, enough to compare and no false precision. */
export function decimal(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return grouped(value, Math.min(digits, 4));
}

export const milliseconds = decimal;

/** A multiple, e.g. `0.93×` or `240×`. */
export function times(value: number): string {
  return `${decimal(value)}×`;
}

/** A share with one decimal, e.g. `67.3 %`. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
