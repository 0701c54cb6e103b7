const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * How long to wait after the `attempt`-th failed delivery (1 for the first): 5 s doubled per
 * attempt, capped at 15 minutes, of which a random half is taken off so that messages that
 * failed together (a mail server going down) do not all retry in the same instant.
 */
export function defaultMailBackoff(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
