import { GraphQLError } from 'graphql';
import type { ErrorCode } from './codes.js';

export interface AppErrorOptions {
  readonly cause?: unknown;
  /** Extra, client-safe details; never a secret, token, SQL or host name. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * An error meant for the client. The code travels in `extensions.code` because error classes
 * do not survive the hop from a subgraph to the gateway.
 */
export function appError(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
  return new GraphQLError(message, {
    originalError: options.cause instanceof Error ? options.cause : undefined,
    extensions: { ...options.extensions, code },
  });
}

export const unauthenticated = (message = 'Sign in to perform this operation.') =>
  appError('UNAUTHENTICATED', message);

export const forbidden = (message = 'You may not perform this operation.') =>
  appError('FORBIDDEN', message);

export const notFound = (what: string) => appError('NOT_FOUND', `${what} was not found.`);

export const badUserInput = (field: string, message: string) =>
  appError('BAD_USER_INPUT', message, { extensions: { field } });
