import type { Solution } from '../../generated/prisma/client.js';
import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import { viewerIdOf } from '../../platform/rules/viewer-id.js';
import type { FunctionContext } from './context.js';
import { solutionName } from './solution-name.js';

function requireViewer(context: FunctionContext): string {
  const viewerId = viewerIdOf(context);
  // The permission rules have already demanded a signed-in user for every caller of this.
  if (!viewerId) throw new TypeError('resolver reached without a signed-in user');
  return viewerId;
}

export const functionResolvers = {
  DateTime: DateTimeScalar,
  Query: {
    mySolutions: (_parent: unknown, _args: unknown, context: FunctionContext) =>
      context.db.solution.findMany({
        where: { ownerUserId: requireViewer(context) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 500,
      }),
    solution: async (_parent: unknown, args: { id: string }, context: FunctionContext) => {
      const solution = await context.solutions.load(args.id);
      return solution?.ownerUserId === requireViewer(context) ? solution : null;
    },
  },
  Mutation: {
    createSolution: (_parent: unknown, args: { input: { name: string } }, context: FunctionContext) =>
      context.db.solution.create({
        data: { name: solutionName(args.input.name), ownerUserId: requireViewer(context) },
      }),
  },
  Solution: {
    __resolveReference: (reference: { readonly id: string }, context: FunctionContext) =>
      context.solutions.load(reference.id),
    owner: (solution: Solution) => ({ __typename: 'User', id: solution.ownerUserId }),
  },
};
