import { allow, deny, or } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isAuthenticated } from '../../platform/rules/is-authenticated.js';
import { isAccountHolder } from './rules/is-account-holder.js';

/**
 * Who may do what in the identity subgraph. Anything not listed is denied by the fallback
 * rule (platform/graphql/shield-middleware.ts). The operations that prove who someone is
 * (sign-up, sign-in, refresh, mailed links) are open to everyone by nature.
 */
export const identityPermissions: IRules = {
  Query: {
    me: isAuthenticated,
    mySessions: isAuthenticated,
    signInOptions: allow,
    _entities: isAuthenticated,
    _service: deny,
  },
  Mutation: {
    signUp: allow,
    signIn: allow,
    refreshSession: allow,
    signOut: isAuthenticated,
    signOutEverywhere: isAuthenticated,
    revokeSession: isAuthenticated,
    verifyEmail: allow,
    resendVerificationEmail: isAuthenticated,
    requestPasswordReset: allow,
    resetPassword: allow,
    changePassword: isAuthenticated,
  },
  // Returned only by the operation that created it, to the client that proved itself.
  AuthPayload: { '*': allow },
  // Listed only by mySessions, which returns the viewer's own sessions.
  Session: { '*': isAuthenticated },
  SignInOptions: { '*': allow },
  User: {
    id: or(isAuthenticated, isAccountHolder),
    displayName: or(isAuthenticated, isAccountHolder),
    email: isAccountHolder,
    emailVerified: isAccountHolder,
    createdAt: isAccountHolder,
  },
};
