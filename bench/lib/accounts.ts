import type { PrismaClient } from '../../generated/prisma/client.js';
import { hashPassword } from '../../subgraphs/identity/passwords/password-hasher.js';
import type { BenchSystem } from './bench-system.js';
import { callGraphql } from './graphql-call.js';

/** Accounts made for a run, all with the same password. */
export interface SeededAccounts {
  readonly emails: readonly string[];
  readonly password: string;
  /** The stored Argon2id hash of the password, for measuring verification alone. */
  readonly passwordHash: string;
}

/** Long and uncommon enough that the password policy would accept it at sign-up. */
const PASSWORD = 'benchmark: correct horse battery staple';

export const SIGN_IN_MUTATION =
  'mutation ($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }';

/**
 * Writes accounts straight to the database, sign-up's hashing and mail being no part of what
 * is measured. They share one hash: verifying it costs the same as verifying a hash of each
 * account's own, since Argon2's cost depends on its parameters, not on the salt.
 */
export async function seedAccounts(
  prisma: PrismaClient,
  options: { readonly count: number; readonly prefix: string },
): Promise<SeededAccounts> {
  const passwordHash = await hashPassword(PASSWORD);
  const emails = Array.from(
    { length: options.count },
    (_, index) => `${options.prefix}-${index}@bench.example.com`,
  );
  await prisma.user.createMany({
    data: emails.map((email, index) => ({
      email,
      displayName: `Bench ${index}`,
      emailVerifiedAt: new Date(),
      passwordHash,
      passwordChangedAt: new Date(),
    })),
  });
  return { emails, password: PASSWORD, passwordHash };
}

/** The JSON body of a sign-in request for one account. */
export function signInBody(email: string, password: string): string {
  return JSON.stringify({
    query: SIGN_IN_MUTATION,
    variables: { input: { email, password, deviceName: 'benchmark' } },
  });
}

/** Signs in through the gateway and returns the access token, as a client would get it. */
export async function signInThroughGateway(
  system: BenchSystem,
  email: string,
  password: string,
): Promise<string> {
  const data = await callGraphql({
    url: system.gatewayUrl,
    query: SIGN_IN_MUTATION,
    variables: { input: { email, password, deviceName: 'benchmark' } },
    headers: system.clientHeaders,
  });
  const accessToken = (data.signIn as { accessToken?: unknown } | null)?.accessToken;
  if (typeof accessToken !== 'string') throw new TypeError('signIn returned no access token.');
  return accessToken;
}
