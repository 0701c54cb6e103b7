import { boundedText } from '../../../platform/graphql/bounded-text.js';

export const MAX_DISPLAY_NAME_LENGTH = 100;

export const displayName = (raw: string, field: string) =>
  boundedText(raw, { field, label: 'The display name', maxLength: MAX_DISPLAY_NAME_LENGTH });
