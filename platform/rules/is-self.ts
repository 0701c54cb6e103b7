import { rule } from 'graphql-shield';
import { forbidden } from '../errors/app-error.js';
import { viewerIdOf } from './viewer-id.js';
import type { RequestContext } from '../server/request-context.js';

/** The user being read is the signed-in user. */
export const isSelf = rule({ cache: 'strict' })(
  (parent: { readonly id: string }, _args: unknown, context: RequestContext) =>
    parent.id === viewerIdOf(context) ? true : forbidden('Only the user themself may read this.'),
);
