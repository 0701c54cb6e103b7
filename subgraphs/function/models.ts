/** What function resolvers hand out for each GraphQL type (see `mappers` in codegen.ts). */
export type { Solution as SolutionModel } from '../../generated/prisma/client.js';

/** A user known only by id; identity resolves the rest. */
export interface UserReference {
  readonly id: string;
}
