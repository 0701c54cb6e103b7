import { rule } from 'graphql-shield';
import { forbidden } from '../../../platform/errors/app-error.js';
import { viewerIdOf } from '../../../platform/rules/viewer-id.js';
import type { RequestContext } from '../../../platform/server/request-context.js';

/** The join request being read was made by the viewer. */
export const isJoinRequester = rule({ cache: 'strict' })(
  (parent: { readonly userId: string }, _args: unknown, context: RequestContext) =>
    parent.userId === viewerIdOf(context) ? true : forbidden('This join request is not yours.'),
);
