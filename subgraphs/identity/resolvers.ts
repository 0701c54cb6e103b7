import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import type { Resolvers } from './generated/resolvers-types.js';

export const identityResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_parent, _args, context) =>
      context.auth.status === 'authenticated'
        ? context.users.load(context.auth.viewer.userId)
        : null,
  },
  User: {
    __resolveReference: (reference, context) => context.users.load(reference.id),
    emailVerified: (user) => user.emailVerifiedAt !== null,
  },
};
