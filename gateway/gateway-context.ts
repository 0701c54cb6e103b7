import type { Logger } from '../platform/logging/logger.js';

/** What the gateway keeps of a client request to pass on to subgraphs. */
export interface GatewayContext {
  readonly requestId: string;
  readonly logger: Logger;
  /** The client's Authorization header, forwarded untouched; subgraphs verify it. */
  readonly authorization: string | undefined;
  readonly clientAddress: string;
}
