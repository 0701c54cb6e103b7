import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import { requireViewerId } from '../../platform/rules/viewer-id.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { solutionName } from './solution-name.js';

/** A user owns few solutions; this cap only bounds a runaway list until it is paginated. */
const MAX_SOLUTIONS_LISTED = 500;

export const functionResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    mySolutions: (_parent, _args, context) =>
      context.db.solution.findMany({
        where: { ownerUserId: requireViewerId(context) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: MAX_SOLUTIONS_LISTED,
      }),
    solution: async (_parent, args, context) => {
      const solution = await context.solutions.load(args.id);
      return solution?.ownerUserId === requireViewerId(context) ? solution : null;
    },
  },
  Mutation: {
    createSolution: (_parent, args, context) =>
      context.db.solution.create({
        data: { name: solutionName(args.input.name), ownerUserId: requireViewerId(context) },
      }),
  },
  Solution: {
    __resolveReference: (reference, context) => context.solutions.load(reference.id),
    owner: (solution) => ({ id: solution.ownerUserId }),
  },
};
