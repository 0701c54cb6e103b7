import { boundedText } from '../../platform/graphql/bounded-text.js';

export const MAX_SOLUTION_NAME_LENGTH = 100;

export const solutionName = (raw: string, field = 'input.name') =>
  boundedText(raw, { field, label: 'The solution name', maxLength: MAX_SOLUTION_NAME_LENGTH });
