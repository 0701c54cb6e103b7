import { appError } from '../../../platform/errors/app-error.js';
import { KeyedMutex } from '../../../platform/concurrency/keyed-mutex.js';
import type { IdentityServices } from '../identity-services.js';
import { assertPasswordLength } from '../passwords/password-policy.js';
import { startSession } from '../sessions/session-service.js';
import { normalizeEmail } from '../../../platform/graphql/email-address.js';
import { authPayload, type AuthPayloadModel } from './auth-payload.js';

export interface SignInInput {
  readonly email: string;
  readonly password: string;
  readonly deviceName?: string | null;
}

/** One message and code for an unknown email and a wrong password alike. */
const wrongCredentials = () =>
  appError('UNAUTHENTICATED', 'The email address or password is incorrect.');

const attemptsPerAccount = new KeyedMutex();

/**
 * Verifies a password and opens a session. Unknown accounts cost the same hashing work as
 * known ones, every failure counts against the account and the address, and attempts on one
 * account run one at a time so parallel requests or aliases cannot outrun the throttle.
 */
export async function signIn(
  services: IdentityServices,
  input: SignInInput,
  clientAddress: string,
): Promise<AuthPayloadModel> {
  assertPasswordLength(input.password, 'input.password');
  const email = normalizeEmail(input.email, 'input.email');
  const attempt = { account: email, address: clientAddress };

  return attemptsPerAccount.run(email, async () => {
    const decision = await services.throttle.check(attempt);
    if (!decision.allowed) {
      throw appError('RATE_LIMITED', 'Too many failed sign-in attempts; try again later.', {
        extensions: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }

    const user = await services.db.user.findUnique({ where: { email } });
    if (!user?.passwordHash) {
      await services.passwords.verifyDummy(input.password);
      await services.throttle.recordFailure(attempt);
      throw wrongCredentials();
    }

    const check = await services.passwords.verify(user.passwordHash, input.password);
    if (!check.valid) {
      await services.throttle.recordFailure(attempt);
      throw wrongCredentials();
    }
    await services.throttle.recordSuccess(attempt);

    // The password is at hand only now, so this is when a weaker stored hash can be replaced.
    if (check.needsRehash) {
      const passwordHash = await services.passwords.hash(input.password);
      // Conditional, so a password changed meanwhile is never overwritten with the old one.
      await services.db.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash },
      });
    }

    const grant = await startSession(services.sessions, {
      userId: user.id,
      deviceName: input.deviceName,
    });
    return authPayload(services, user, grant);
  });
}
