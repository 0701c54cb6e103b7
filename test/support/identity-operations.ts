import { postGraphQL, type GraphQLResponse } from './graphql-client.js';

const AUTH_FIELDS = 'accessToken accessTokenExpiresAt refreshToken user { id email emailVerified }';

export interface AuthPayload {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: string;
  readonly refreshToken: string;
  readonly user: { readonly id: string; readonly email: string; readonly emailVerified: boolean };
}

export const STRONG_PASSWORD = 'correct horse battery staple 42';

/** The client operations of the identity API, one call each, as an app would send them. */
export function identityOperations(url: string) {
  const mutation = (query: string, variables: Record<string, unknown>, token?: string) =>
    postGraphQL(url, { query, variables }, { token });

  return {
    signUp: (input: { email: string; password?: string; displayName?: string }) =>
      mutation(`mutation ($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`, {
        input: { password: STRONG_PASSWORD, displayName: 'Ada', ...input },
      }),
    signIn: (input: { email: string; password: string; deviceName?: string }, token?: string) =>
      mutation(
        `mutation ($input: SignInInput!) { signIn(input: $input) { ${AUTH_FIELDS} } }`,
        { input },
        token,
      ),
    refresh: (refreshToken: string) =>
      mutation(`mutation ($t: String!) { refreshSession(refreshToken: $t) { ${AUTH_FIELDS} } }`, {
        t: refreshToken,
      }),
    me: (token: string) =>
      postGraphQL(url, { query: '{ me { id email emailVerified } }' }, { token }),
    mySessions: (token: string) =>
      postGraphQL(url, { query: '{ mySessions { id deviceName current } }' }, { token }),
    signOut: (token: string) => mutation('mutation { signOut }', {}, token),
    signOutEverywhere: (token: string) => mutation('mutation { signOutEverywhere }', {}, token),
    revokeSession: (token: string, id: string) =>
      mutation('mutation ($id: ID!) { revokeSession(id: $id) }', { id }, token),
    verifyEmail: (emailToken: string) =>
      mutation('mutation ($t: String!) { verifyEmail(token: $t) { id email emailVerified } }', {
        t: emailToken,
      }),
    resendVerificationEmail: (token: string) =>
      mutation('mutation { resendVerificationEmail }', {}, token),
    requestPasswordReset: (email: string) =>
      mutation('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: email }),
    resetPassword: (input: { token: string; newPassword: string }) =>
      mutation('mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) }', {
        input,
      }),
    changePassword: (token: string, input: { currentPassword: string; newPassword: string }) =>
      mutation(
        'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }',
        { input },
        token,
      ),
  };
}

export function payloadOf(response: GraphQLResponse, field: string): AuthPayload {
  const payload = response.body.data?.[field];
  if (!payload) throw new Error(`No ${field} payload: ${JSON.stringify(response.body)}`);
  return payload as AuthPayload;
}

let counter = 0;
/** A fresh address per call, so tests never collide on the unique email. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${Date.now()}.${counter}@example.com`;
}
