import { badUserInput } from '../../platform/errors/app-error.js';

export const MAX_SOLUTION_NAME_LENGTH = 100;

export function solutionName(raw: string, field = 'input.name'): string {
  const name = raw.trim();
  if (name.length === 0) throw badUserInput(field, 'The solution name must not be empty.');
  if (name.length > MAX_SOLUTION_NAME_LENGTH) {
    throw badUserInput(
      field,
      `The solution name must be at most ${MAX_SOLUTION_NAME_LENGTH} characters.`,
    );
  }
  return name;
}
