import { boundedText } from '../../platform/graphql/bounded-text.js';

export const MAX_ORGANIZATION_NAME_LENGTH = 100;

export const organizationName = (raw: string, field = 'input.name') =>
  boundedText(raw, {
    field,
    label: 'The organization name',
    maxLength: MAX_ORGANIZATION_NAME_LENGTH,
  });
