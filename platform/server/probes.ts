import type { RouteHandler } from './http-service.js';
import { sendJson } from './http-responses.js';

export type ReadinessCheck = () => Promise<void>;

/** `/health`: the process is alive and serving HTTP; says nothing about dependencies. */
export const healthRoute: RouteHandler = async (_request, response) => {
  sendJson(response, 200, { status: 'ok' }, { 'cache-control': 'no-store' });
};

/**
 * `/ready`: every named check passes. Failures are reported by name only; the reason goes to
 * the log, since a probe endpoint is reachable by anyone who can reach the service.
 */
export function readinessRoute(
  checks: Readonly<Record<string, ReadinessCheck>>,
  onFailure: (check: string, error: unknown) => void,
): RouteHandler {
  return async (_request, response) => {
    const results: Record<string, 'up' | 'down'> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          results[name] = 'up';
        } catch (error) {
          results[name] = 'down';
          onFailure(name, error);
        }
      }),
    );
    const ready = Object.values(results).every((result) => result === 'up');
    sendJson(
      response,
      ready ? 200 : 503,
      { status: ready ? 'ready' : 'not ready', checks: results },
      { 'cache-control': 'no-store' },
    );
  };
}
