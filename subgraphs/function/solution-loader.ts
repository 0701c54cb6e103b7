import type DataLoader from 'dataloader';
import type { PrismaClient, Solution } from '../../generated/prisma/client.js';
import { createByIdLoader } from '../../platform/graphql/by-id-loader.js';

export type SolutionLoader = DataLoader<string, Solution | null>;

export function createSolutionLoader(db: PrismaClient): SolutionLoader {
  return createByIdLoader((ids) => db.solution.findMany({ where: { id: { in: ids } } }));
}
