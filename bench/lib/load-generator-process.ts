import autocannon from 'autocannon';
import type { LoadReplyMessage, LoadRequestMessage, LoadSample, LoadSpec } from './load-spec.js';

/**
 * The child process that sends the load (see load-generator.ts for why it is a process of
 * its own). It runs one autocannon measurement per message and answers with a summary.
 */

function isRunMessage(message: unknown): message is LoadRequestMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { kind?: unknown }).kind === 'run' &&
    typeof (message as { spec?: unknown }).spec === 'object'
  );
}

/** A GraphQL error comes back with status 200, so status codes alone would miss it. */
function hasNoGraphqlErrors(body: unknown): boolean {
  return !String(body).includes('"errors"');
}

async function measure(spec: LoadSpec): Promise<LoadSample> {
  let next = 0;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    connections: spec.connections,
    duration: spec.seconds,
    headers: { 'content-type': 'application/json', ...spec.headers },
    requests: [
      {
        // One counter for every connection, so concurrent requests carry different bodies
        // (for sign-in: different accounts, which the server serializes per account).
        setupRequest: (request) => {
          const body = spec.bodies[next % spec.bodies.length];
          const sets = spec.headerSets;
          const extra = sets && sets.length > 0 ? sets[next % sets.length] : undefined;
          next += 1;
          return extra
            ? { ...request, body, headers: { ...request.headers, ...extra } }
            : { ...request, body };
        },
      },
    ],
    verifyBody: hasNoGraphqlErrors,
  });

  return {
    count: result.requests.total,
    seconds: result.duration,
    perSecond: result.requests.total / result.duration,
    meanLatencyMs: result.latency.mean,
    p50LatencyMs: result.latency.p50,
    p99LatencyMs: result.latency.p99,
    failures: result.errors + result.non2xx + result.mismatches,
  };
}

function reply(message: LoadReplyMessage): void {
  process.send?.(message);
}

process.on('message', (message: unknown) => {
  if (!isRunMessage(message)) {
    reply({ kind: 'failed', message: 'The load generator got a message it does not know.' });
    return;
  }
  measure(message.spec)
    .then((sample) => reply({ kind: 'sample', sample }))
    .catch((error: unknown) => reply({ kind: 'failed', message: String(error) }));
});

// The parent disconnecting means the run is over or died; either way nothing is left to do.
process.on('disconnect', () => process.exit(0));
