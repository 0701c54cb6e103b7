import type { Viewer } from '../auth/viewer.js';
import type { RequestContext } from '../server/request-context.js';

/** The signed-in user's id, or undefined; for rules that compare it with a record's owner. */
export function viewerIdOf(context: RequestContext): string | undefined {
  return context.auth.status === 'authenticated' ? context.auth.viewer.userId : undefined;
}

/**
 * The signed-in user's id inside a resolver whose permission rule already demanded one; its
 * absence there is a wiring bug, not a client error.
 */
export function requireViewerId(context: RequestContext): string {
  const viewerId = viewerIdOf(context);
  if (!viewerId) throw new TypeError('resolver reached without a signed-in user');
  return viewerId;
}

/** The signed-in viewer inside a resolver whose permission rule already demanded one. */
export function requireViewer(context: RequestContext): Viewer {
  if (context.auth.status !== 'authenticated') {
    throw new TypeError('resolver reached without a signed-in user');
  }
  return context.auth.viewer;
}
