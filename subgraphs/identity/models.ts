/** What identity resolvers hand out for each GraphQL type (see `mappers` in codegen.ts). */
export type { User as UserModel } from '../../generated/prisma/client.js';
