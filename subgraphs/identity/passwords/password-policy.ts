import { badUserInput } from '../../../platform/errors/app-error.js';

export const MIN_PASSWORD_LENGTH = 10;
/** Above this the input is refused before hashing, so a huge password costs us nothing. */
export const MAX_PASSWORD_LENGTH = 256;

/** Length in code points, so a password of emoji is not counted twice. */
const lengthOf = (password: string) => [...password].length;

/**
 * Refuses a password too long to be one of ours. Every operation that takes a password calls
 * this first, before any hashing or database work, so a huge input costs us nothing.
 */
export function assertPasswordLength(password: string, field: string): void {
  if (lengthOf(password) > MAX_PASSWORD_LENGTH) {
    throw badUserInput(field, `The password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
}

/** Refuses, before any hashing, a password no account may hold (NIST SP 800-63B, 5.1.1.2). */
export function assertAcceptablePassword(
  password: string,
  context: {
    readonly field: string;
    /** Lower-cased, as `loadCommonPasswords` gives them. */
    readonly commonPasswords: ReadonlySet<string>;
    readonly email?: string;
  },
): void {
  assertPasswordLength(password, context.field);
  if (lengthOf(password) < MIN_PASSWORD_LENGTH) {
    throw badUserInput(
      context.field,
      `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
  }
  if (context.commonPasswords.has(password.toLowerCase())) {
    throw badUserInput(context.field, 'This password is too common; choose another.');
  }
  if (context.email && password.toLowerCase() === context.email.toLowerCase()) {
    throw badUserInput(context.field, 'The password must not be the email address.');
  }
}
