import { badUserInput } from '../../platform/errors/app-error.js';

export const MAX_ORGANIZATION_NAME_LENGTH = 100;

/** Trims and checks a display name; control characters are refused rather than stripped. */
export function organizationName(raw: string, field = 'input.name'): string {
  const name = raw.trim();
  if (name.length === 0) throw badUserInput(field, 'The organization name must not be empty.');
  if (name.length > MAX_ORGANIZATION_NAME_LENGTH) {
    throw badUserInput(
      field,
      `The organization name must be at most ${MAX_ORGANIZATION_NAME_LENGTH} characters.`,
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw badUserInput(field, 'The organization name must not contain control characters.');
  }
  return name;
}
