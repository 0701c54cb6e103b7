import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ErrorCode } from '../errors/codes.js';

/**
 * Every request gets exactly one log line. GraphQL operations that reach Apollo's request
 * pipeline are logged by the request-logging plugin, with their operation name; everything
 * else (probes, the JWKS, and requests refused before the pipeline: body too large, bad JSON,
 * plain HTTP in production, unknown routes, CSRF, batches) by the HTTP service. These marks
 * tell the HTTP service which of the two a request was, and what its outcome was.
 */

const loggedByPipeline = new WeakSet<IncomingMessage>();
const outcomes = new WeakMap<ServerResponse, string>();

// Apollo hands the pipeline a shallow copy of the context, so the mark is an object the copy
// shares, under a key no resolver would use.
const MARK = Symbol('pipeline mark');

interface PipelineMark {
  started: boolean;
}

type Marked = { [MARK]?: PipelineMark };

/** The context with a mark the pipeline sets when it starts, and a way to read that mark. */
export function withPipelineMark<Context extends object>(context: Context) {
  const mark: PipelineMark = { started: false };
  return { context: Object.assign(context, { [MARK]: mark }), started: () => mark.started };
}

/** Sets the mark of each context whose operation entered the pipeline, and so was logged. */
export function pipelineMarkPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const mark = (contextValue as Marked)[MARK];
      if (mark) mark.started = true;
    },
  };
}

export function markLoggedByPipeline(request: IncomingMessage): void {
  loggedByPipeline.add(request);
}

export function isLoggedByPipeline(request: IncomingMessage): boolean {
  return loggedByPipeline.has(request);
}

/** Records the error code a response carries, for its log line. */
export function recordOutcome(response: ServerResponse, code: ErrorCode | string): void {
  outcomes.set(response, code);
}

export function outcomeOf(response: ServerResponse): string {
  return outcomes.get(response) ?? (response.statusCode < 400 ? 'OK' : 'BAD_REQUEST');
}
