import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { readBody, BodyTooLargeError } from './read-body.js';
import { sendRequestError } from './http-responses.js';
import { markLoggedByPipeline, recordOutcome, withPipelineMark } from './request-log.js';

export interface GraphQLHandlerOptions<Context extends BaseContext> {
  readonly server: ApolloServer<Context>;
  readonly maxBodyBytes: number;
  readonly context: (request: IncomingMessage) => Promise<Context>;
  /** Headers added to every GraphQL response, e.g. the request id. */
  readonly responseHeaders?: (request: IncomingMessage) => Readonly<Record<string, string>>;
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** The code of the first error in a complete response body Apollo refused before executing. */
function firstErrorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = parsed.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

function isJson(request: IncomingMessage): boolean {
  const type = request.headers['content-type'] ?? '';
  return /^application\/(graphql-response\+)?json\b/i.test(type);
}

/**
 * Serves Apollo Server on plain `node:http`. The standalone server of @apollo/server has no
 * room for our other routes (health, readiness, JWKS) and goes through Express, whose
 * per-request cost shows in the gateway benchmarks; this adapter is the smallest replacement.
 */
export function createGraphQLHandler<Context extends BaseContext>(
  options: GraphQLHandlerOptions<Context>,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const extraHeaders = options.responseHeaders?.(request) ?? {};

    let body: unknown;
    if (request.method === 'POST') {
      let raw: Buffer;
      try {
        raw = await readBody(request, options.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLargeError)) throw error;
        sendRequestError(response, 413, 'BAD_REQUEST', error.message, {
          ...extraHeaders,
          connection: 'close',
        });
        return;
      }
      if (isJson(request)) {
        try {
          body = JSON.parse(raw.toString('utf8')) as unknown;
        } catch {
          sendRequestError(
            response,
            400,
            'BAD_REQUEST',
            'The body is not valid JSON.',
            extraHeaders,
          );
          return;
        }
      } else {
        body = raw.toString('utf8');
      }
    }

    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    let pipelineStarted = () => false;
    const result = await options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method ?? 'GET',
        headers: headerMapOf(request),
        search: queryStart === -1 ? '' : url.slice(queryStart),
        body,
      },
      context: async () => {
        const marked = withPipelineMark(await options.context(request));
        pipelineStarted = marked.started;
        return marked.context;
      },
    });

    // Apollo refuses some requests (CSRF, batches, no query) before its pipeline, where the
    // request-logging plugin would have logged them; the HTTP service logs those instead.
    if (pipelineStarted()) {
      markLoggedByPipeline(request);
    } else if (result.body.kind === 'complete') {
      const code = firstErrorCode(result.body.string);
      if (code) recordOutcome(response, code);
    }

    for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;

    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}
