import { DateTimeScalar } from '../../platform/graphql/date-time-scalar.js';
import { notFound } from '../../platform/errors/app-error.js';
import { requireViewer, requireViewerId } from '../../platform/rules/viewer-id.js';
import type { AuthPayloadModel } from './accounts/auth-payload.js';
import { normalizeEmail } from '../../platform/graphql/email-address.js';
import { changePassword } from './accounts/change-password.js';
import { resendVerificationEmail, verifyEmail } from './accounts/email-verification.js';
import { requestPasswordReset, resetPassword } from './accounts/password-reset.js';
import { signIn } from './accounts/sign-in.js';
import { signUp } from './accounts/sign-up.js';
import { authPayload } from './accounts/auth-payload.js';
import type { IdentityContext } from './context.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { revokeSessions } from './sessions/revoke-sessions.js';
import { refreshSession } from './sessions/session-service.js';

/** Lets the returned user be read by the client that just proved to be them. */
function proven(context: IdentityContext, payload: AuthPayloadModel): AuthPayloadModel {
  context.provenUserIds.add(payload.user.id);
  return payload;
}

export const identityResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: {
    me: (_parent, _args, context) => context.users.load(requireViewerId(context)),
    mySessions: (_parent, _args, context) => {
      const viewer = requireViewer(context);
      return context.db.session.findMany({
        where: {
          userId: viewer.userId,
          revokedAt: null,
          expiresAt: { gt: context.identity.clock() },
        },
        orderBy: [{ lastUsedAt: 'desc' }, { id: 'asc' }],
      });
    },
    signInOptions: (_parent, args) => ({
      email: normalizeEmail(args.email, 'email'),
      methods: ['PASSWORD'],
    }),
  },
  Mutation: {
    signUp: async (_parent, args, context) =>
      proven(context, await signUp(context.identity, args.input, args.input.deviceName)),
    signIn: async (_parent, args, context) =>
      proven(context, await signIn(context.identity, args.input, context.clientAddress)),
    refreshSession: async (_parent, args, context) => {
      const grant = await refreshSession(context.identity.sessions, {
        refreshToken: args.refreshToken,
        clientAddress: context.clientAddress,
      });
      const user = await context.db.user.findUniqueOrThrow({ where: { id: grant.userId } });
      return proven(context, await authPayload(context.identity, user, grant));
    },
    signOut: async (_parent, _args, context) => {
      const viewer = requireViewer(context);
      await revokeSessions(context.identity.sessions, { id: viewer.sessionId }, 'sign_out');
      return true;
    },
    signOutEverywhere: async (_parent, _args, context) => {
      const viewer = requireViewer(context);
      await revokeSessions(
        context.identity.sessions,
        { userId: viewer.userId },
        'sign_out_everywhere',
      );
      return true;
    },
    revokeSession: async (_parent, args, context) => {
      const viewer = requireViewer(context);
      const revoked = await revokeSessions(
        context.identity.sessions,
        { id: args.id, userId: viewer.userId },
        'revoked_by_user',
      );
      if (revoked.length === 0) throw notFound('The session');
      return true;
    },
    verifyEmail: async (_parent, args, context) => {
      const user = await verifyEmail(context.identity, args.token);
      context.provenUserIds.add(user.id);
      return user;
    },
    resendVerificationEmail: (_parent, _args, context) =>
      resendVerificationEmail(context.identity, requireViewerId(context)),
    requestPasswordReset: (_parent, args, context) =>
      requestPasswordReset(context.identity, args.email),
    resetPassword: (_parent, args, context) => resetPassword(context.identity, args.input),
    changePassword: (_parent, args, context) =>
      changePassword(context.identity, requireViewer(context), args.input, context.clientAddress),
  },
  Session: {
    current: (session, _args, context) =>
      context.auth.status === 'authenticated' && context.auth.viewer.sessionId === session.id,
  },
  User: {
    __resolveReference: (reference, context) => context.users.load(reference.id),
    emailVerified: (user) => user.emailVerifiedAt !== null,
  },
};
