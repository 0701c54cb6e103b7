import { rule } from 'graphql-shield';
import { appError } from '../errors/app-error.js';
import type { RequestContext } from '../server/request-context.js';

/** The request carries a valid access token; otherwise says why not. */
export const isAuthenticated = rule({ cache: 'contextual' })((
  _parent: unknown,
  _args: unknown,
  context: RequestContext,
) => {
  const { auth } = context;
  switch (auth.status) {
    case 'authenticated':
      return true;
    case 'anonymous':
      return appError('UNAUTHENTICATED', 'Sign in to perform this operation.');
    case 'rejected':
      return appError('UNAUTHENTICATED', auth.message);
  }
});
