import { rule } from 'graphql-shield';
import { forbidden } from '../../../platform/errors/app-error.js';
import { viewerIdOf } from '../../../platform/rules/viewer-id.js';
import type { IdentityContext } from '../context.js';

/**
 * The user being read is the caller: the signed-in viewer, or the account this very request
 * proved to be, as sign-in, sign-up, refresh and email verification do before any access
 * token exists.
 */
export const isAccountHolder = rule({ cache: 'strict' })(
  (parent: { readonly id: string }, _args: unknown, context: IdentityContext) =>
    parent.id === viewerIdOf(context) || context.provenUserIds.has(parent.id)
      ? true
      : forbidden('Only the user themself may read this.'),
);
