import type { z } from 'zod';
import type { KeyRing } from '../auth/key-ring.js';
import type { SessionRevocations } from '../auth/session-revocations.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { RequestContext } from './request-context.js';
import type { CommonSubgraphConfig, SubgraphName, SubgraphSettings } from './subgraph-config.js';
import type { SubgraphDefinition } from './subgraph-service.js';

/** What the process provides to a subgraph when it starts. */
export interface SubgraphServices<Config> {
  readonly settings: SubgraphSettings;
  /** Every variable the subgraph read, shared and its own, validated. */
  readonly config: CommonSubgraphConfig & Config;
  readonly database: Database;
  readonly keys: KeyRing;
  readonly secrets: SecretBox;
  readonly revocations: SessionRevocations;
  readonly logger: Logger;
}

/**
 * A subgraph as a unit the process can start: its name, the variables it reads beyond the
 * shared ones, and how to build its definition (resolvers, rules, context, workers).
 */
export interface SubgraphModule<Context extends RequestContext, Shape extends z.ZodRawShape> {
  readonly name: SubgraphName;
  readonly variables: Shape;
  create(
    services: SubgraphServices<z.infer<z.ZodObject<Shape>>>,
  ): SubgraphDefinition<Context> | Promise<SubgraphDefinition<Context>>;
}
