import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestContext } from '../../platform/server/request-context.js';
import type { SolutionLoader } from './solution-loader.js';

export interface FunctionContext extends RequestContext {
  readonly db: PrismaClient;
  readonly solutions: SolutionLoader;
}
