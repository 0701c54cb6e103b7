import { rule } from 'graphql-shield';
import { forbidden } from '../../../platform/errors/app-error.js';
import { viewerIdOf } from '../../../platform/rules/viewer-id.js';
import type { RequestContext } from '../../../platform/server/request-context.js';

/** The solution being read belongs to the signed-in user. */
export const isSolutionOwner = rule({ cache: 'strict' })(
  (parent: { readonly ownerUserId: string }, _args: unknown, context: RequestContext) =>
    parent.ownerUserId === viewerIdOf(context)
      ? true
      : forbidden('Only the owner of this solution may read it.'),
);
