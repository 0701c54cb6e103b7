import type DataLoader from 'dataloader';
import type { PrismaClient, User } from '../../generated/prisma/client.js';
import { createByIdLoader } from '../../platform/graphql/by-id-loader.js';

export type UserLoader = DataLoader<string, User | null>;

export function createUserLoader(db: PrismaClient): UserLoader {
  return createByIdLoader((ids) => db.user.findMany({ where: { id: { in: ids } } }));
}
