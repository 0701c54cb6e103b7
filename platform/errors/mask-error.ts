import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from './codes.js';
import { redactVariableValue } from './variable-errors.js';

/** Extension keys a client may see; anything else (stack traces, service names) is dropped. */
const CLIENT_EXTENSION_KEYS = new Set(['code', 'field', 'retryAfterSeconds', 'requestId']);

export const MASKED_MESSAGE = 'Internal server error.';
export const UPSTREAM_MESSAGE = 'A service needed for part of this request is unavailable.';

/** Whether an error was raised on purpose for the client, as opposed to a failure. */
export function isClientError(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.code;
  return isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR';
}

export interface ErrorMaskOptions {
  /** Development only: keeps the original message beside the masked one. */
  readonly exposeDetails: boolean;
}

function clientExtensions(extensions: GraphQLFormattedError['extensions']) {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extensions ?? {})) {
    if (CLIENT_EXTENSION_KEYS.has(key)) kept[key] = value;
  }
  return kept;
}

/**
 * The `formatError` of every service. Client errors pass with their message and code only;
 * everything else becomes a fixed message, so no stack trace, SQL, host name or file path
 * leaves the process. The original is logged by the request-logging plugin.
 */
export function createErrorMask(options: ErrorMaskOptions) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const { locations, path } = formatted;

    if (isClientError(formatted)) {
      return {
        message: redactVariableValue(formatted.message) ?? formatted.message,
        locations,
        path,
        extensions: clientExtensions(formatted.extensions),
      };
    }

    const extensions: Record<string, unknown> = { code: 'INTERNAL_SERVER_ERROR' };
    if (options.exposeDetails) extensions.detail = formatted.message;
    return { message: MASKED_MESSAGE, locations, path, extensions };
  };
}
