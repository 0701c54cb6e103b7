import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logging/logger.js';
import { isClientError } from '../errors/mask-error.js';
import { redactVariableValue } from '../errors/variable-errors.js';

export interface LoggingContext extends BaseContext {
  /** Bound to the request id, so every line of this request carries it. */
  readonly logger: Logger;
  readonly clientAddress: string;
}

function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): string {
  if (!errors || errors.length === 0) return 'OK';
  const code = errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/**
 * One log line per request with operation name, duration, outcome and request id. Errors
 * meant for the client are logged at debug; anything else at error, in full, because the
 * client only ever sees a masked message.
 */
export function requestLoggingPlugin<
  Context extends LoggingContext,
>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors, contextValue: { logger } }) {
          for (const error of errors) {
            if (isClientError(error)) {
              logger.debug(
                { code: error.extensions.code, path: error.path },
                redactVariableValue(error.message) ?? error.message,
              );
            } else {
              logger.error(
                { err: error.originalError ?? error, path: error.path },
                'request failed',
              );
            }
          }
        },
        async willSendResponse({ response, operationName }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
          contextValue.logger.info(
            {
              clientAddress: contextValue.clientAddress,
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              outcome: outcomeOf(errors),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
