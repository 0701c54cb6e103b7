import type { CommonSubgraphConfig } from '../../../platform/server/subgraph-config.js';
import type { IdentityConfig } from '../identity-config.js';

/** Lifetimes that govern sessions and the tokens that belong to them. */
export interface SessionPolicy {
  readonly accessTokenSeconds: number;
  /** A rotated refresh token still yields its successor for this long (concurrent refreshes). */
  readonly refreshGraceSeconds: number;
  /** A session unused for this long can no longer be refreshed. */
  readonly refreshIdleSeconds: number;
  /** No session outlives this, however often it is refreshed. */
  readonly sessionMaxSeconds: number;
}

const DAY = 86_400;

export function sessionPolicy(config: CommonSubgraphConfig & IdentityConfig): SessionPolicy {
  return {
    accessTokenSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshGraceSeconds: config.REFRESH_GRACE_SECONDS,
    refreshIdleSeconds: config.REFRESH_IDLE_DAYS * DAY,
    sessionMaxSeconds: config.SESSION_MAX_DAYS * DAY,
  };
}
