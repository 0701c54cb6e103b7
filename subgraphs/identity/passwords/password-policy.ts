import { badUserInput } from '../../../platform/errors/app-error.js';
import { isCommonPassword } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
/** Above this the input is refused before hashing, so a huge password costs us nothing. */
export const MAX_PASSWORD_LENGTH = 256;

/** Length in code points, so a password of emoji is not counted twice. */
const lengthOf = (password: string) => [...password].length;

/** Refuses, before any hashing, a password no account may hold (NIST SP 800-63B, 5.1.1.2). */
export function assertAcceptablePassword(
  password: string,
  context: { readonly field: string; readonly email?: string },
): void {
  const length = lengthOf(password);
  if (length > MAX_PASSWORD_LENGTH) {
    throw badUserInput(
      context.field,
      `The password must be at most ${MAX_PASSWORD_LENGTH} characters.`,
    );
  }
  if (length < MIN_PASSWORD_LENGTH) {
    throw badUserInput(
      context.field,
      `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  }
  if (isCommonPassword(password)) {
    throw badUserInput(context.field, 'This password is too common; choose another.');
  }
  if (context.email && password.toLowerCase() === context.email.toLowerCase()) {
    throw badUserInput(context.field, 'The password must not be the email address.');
  }
}

/** For sign-in: a password too long to be one of ours is refused before any hashing. */
export function assertPasswordLengthForVerification(password: string, field: string): void {
  if (lengthOf(password) > MAX_PASSWORD_LENGTH) {
    throw badUserInput(field, `The password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
}
