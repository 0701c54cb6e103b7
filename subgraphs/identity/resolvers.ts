import type { User } from '../../generated/prisma/client.js';
import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import type { IdentityContext } from './context.js';

export const identityResolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_parent: unknown, _args: unknown, context: IdentityContext) =>
      context.auth.status === 'authenticated' ? context.users.load(context.auth.viewer.userId) : null,
  },
  User: {
    __resolveReference: (reference: { readonly id: string }, context: IdentityContext) =>
      context.users.load(reference.id),
    emailVerified: (user: User) => user.emailVerifiedAt !== null,
  },
};
