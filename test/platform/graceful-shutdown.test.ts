import { describe, expect, it } from 'vitest';
import { startHttpService } from '../../platform/server/http-service.js';
import { sendJson } from '../../platform/server/http-responses.js';
import { captureLogs } from '../support/log-capture.js';

describe('graceful shutdown', () => {
  it('finishes a request already in flight, then refuses new connections', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => {
      arrived = resolve;
    });

    const service = await startHttpService(
      {
        name: 'slow',
        logger: captureLogs().logger('slow'),
        graphql: async (_request, response) => {
          arrived();
          await gate;
          sendJson(response, 200, { data: { finished: true } });
        },
      },
      { port: 0, host: '127.0.0.1' },
    );

    const pending = fetch(service.url, { method: 'POST', body: '{}' });
    await inFlight;
    const stopped = service.stop();
    release();

    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { finished: true } });
    await stopped;

    await expect(fetch(service.url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
