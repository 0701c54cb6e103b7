import { badUserInput } from '../errors/app-error.js';

export interface BoundedTextRule {
  /** The argument path reported in `extensions.field`, e.g. `input.name`. */
  readonly field: string;
  /** How the message names the value, e.g. "The organization name". */
  readonly label: string;
  readonly maxLength: number;
}

/**
 * Trims a short, human-readable text and checks it: not empty, not too long (in code points),
 * no control characters, which are refused rather than silently stripped.
 */
export function boundedText(raw: string, rule: BoundedTextRule): string {
  const text = raw.trim();
  if (text.length === 0) throw badUserInput(rule.field, `${rule.label} must not be empty.`);
  if ([...text].length > rule.maxLength) {
    throw badUserInput(rule.field, `${rule.label} must be at most ${rule.maxLength} characters.`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw badUserInput(rule.field, `${rule.label} must not contain control characters.`);
  }
  return text;
}
