import type { Authentication } from '../auth/authenticate.js';
import type { Logger } from '../logging/logger.js';

/** What every subgraph knows about a request before any resolver runs. */
export interface RequestContext {
  readonly requestId: string;
  /** A child logger that stamps the request id on every line. */
  readonly logger: Logger;
  readonly auth: Authentication;
  /** The caller's address as far as it can be proven (see client-address.ts). */
  readonly clientAddress: string;
}
