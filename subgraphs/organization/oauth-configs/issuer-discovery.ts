import { fetch, type Dispatcher } from 'undici';
import { appError, badUserInput } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';

/** Discovery documents are a few kilobytes; anything far larger is not one. */
const MAX_DOCUMENT_BYTES = 256 * 1024;
const DEFAULT_TIMEOUT_MS = 5_000;

/** What fetching and checking a discovery document came to. */
export type DiscoveryOutcome =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly reason: string; readonly cause?: unknown };

/** OpenID Connect Discovery 1.0 §4: the document lives under the issuer, slash removed. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
}

class DocumentTooLarge extends Error {}

async function readCapped(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_DOCUMENT_BYTES) throw new DocumentTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The checks of OpenID Connect Discovery 1.0 §3 and §4.3 that a configuration relies on. */
function checkDocument(document: Record<string, unknown>, issuer: string): DiscoveryOutcome {
  // §4.3: the issuer in the document MUST be identical to the one the document was fetched
  // for; otherwise a provider could speak for another, and its ID tokens would not validate.
  if (document.issuer !== issuer) {
    return {
      kind: 'invalid',
      reason:
        'it names another issuer; the issuer must match the document exactly, trailing ' +
        'slash included',
    };
  }
  for (const field of ['authorization_endpoint', 'jwks_uri']) {
    if (typeof document[field] !== 'string') {
      return { kind: 'invalid', reason: `it has no ${field}` };
    }
  }
  return { kind: 'valid' };
}

/**
 * Fetches the issuer's discovery document and checks it. Redirects are not followed: the
 * issuer itself must serve it, and a redirect could lead the request anywhere.
 *
 * Known shortcoming: the request goes to whatever address the issuer's host resolves to,
 * internal ones included, so an admin can make the server probe its own network, learning
 * only whether a matching discovery document answered there.
 */
export interface DiscoveryOptions {
  readonly timeoutMs?: number;
  /** The connection pool to use, e.g. one trusting an extra certificate authority. */
  readonly dispatcher?: Dispatcher | undefined;
}

export async function discoverIssuer(
  issuer: string,
  options: DiscoveryOptions = {},
): Promise<DiscoveryOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const response = await fetch(discoveryUrl(issuer), {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    if (response.status >= 500) {
      await response.body?.cancel();
      return { kind: 'unreachable', reason: `it answered HTTP ${response.status}` };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { kind: 'invalid', reason: `it answered HTTP ${response.status} instead of 200` };
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_DOCUMENT_BYTES) {
      await response.body?.cancel();
      return { kind: 'invalid', reason: 'it is too large to be a discovery document' };
    }

    const document = parseObject(await readCapped(response.body));
    if (!document) return { kind: 'invalid', reason: 'it is not a JSON object' };
    return checkDocument(document, issuer);
  } catch (error) {
    if (error instanceof DocumentTooLarge) {
      return { kind: 'invalid', reason: 'it is too large to be a discovery document' };
    }
    return {
      kind: 'unreachable',
      reason: signal.aborted ? 'the request timed out' : 'the connection failed',
      cause: error,
    };
  }
}

/** Throws the client error for a discovery document that is not usable. */
export async function requireValidIssuer(
  issuer: string,
  logger: Logger,
  options: DiscoveryOptions = {},
): Promise<void> {
  const outcome = await discoverIssuer(issuer, options);
  switch (outcome.kind) {
    case 'valid':
      return;
    case 'invalid':
      throw badUserInput(
        'input.issuer',
        `The discovery document of the issuer "${issuer}" is not usable: ${outcome.reason}.`,
      );
    case 'unreachable':
      logger.warn({ err: outcome.cause, issuer }, 'issuer discovery failed');
      throw appError(
        'UPSTREAM_ERROR',
        `Could not fetch the discovery document of the issuer "${issuer}": ${outcome.reason}.`,
        { cause: outcome.cause },
      );
  }
}
