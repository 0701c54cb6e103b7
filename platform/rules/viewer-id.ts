import type { RequestContext } from '../server/request-context.js';

/** The signed-in user's id, or undefined; for rules that compare it with a record's owner. */
export function viewerIdOf(context: RequestContext): string | undefined {
  return context.auth.status === 'authenticated' ? context.auth.viewer.userId : undefined;
}
