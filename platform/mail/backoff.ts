export interface MailBackoffOptions {
  /** The ceiling after the first failed delivery; 5 s unless said otherwise. */
  readonly baseMs?: number;
  /** The ceiling never grows beyond this; one hour unless said otherwise. */
  readonly maxMs?: number;
  readonly random?: () => number;
}

const DEFAULT_BASE_MS = 5_000;
const DEFAULT_MAX_MS = 60 * 60_000;

/**
 * How long to wait after the `attempt`-th failed delivery (1 for the first): a ceiling that
 * starts at `baseMs` and doubles per attempt up to `maxMs`, of which a random half is taken
 * off, so that messages that failed together (a mail server going down) do not all retry in
 * the same instant when it comes back.
 */
export function mailBackoff(attempt: number, options: MailBackoffOptions = {}): number {
  const { baseMs = DEFAULT_BASE_MS, maxMs = DEFAULT_MAX_MS, random = Math.random } = options;
  // The exponent is bounded so the power stays finite; the cap is reached long before.
  const exponent = Math.min(Math.max(0, attempt - 1), 52);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
