import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../logging/logger.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { mailBackoff } from './backoff.js';
import { claimDueMessages, type ClaimedMessage } from './claim-messages.js';
import { MailError } from './mail-error.js';
import { isMailTemplateName, renderMail } from './mail-templates.js';
import type { MailTransport, OutgoingMail } from './mail-transport.js';
import { payloadLocation } from './outbox.js';

export interface MailWorker {
  /** Delivers every due message now; resolves when done (tests call it). */
  drain(): Promise<number>;
  /** Wakes the loop early, e.g. right after a request enqueued mail. */
  wake(): void;
  stop(): Promise<void>;
}

export interface MailWorkerOptions {
  readonly db: PrismaClient;
  readonly box: SecretBox;
  readonly transport: MailTransport;
  /** The From address of every message. */
  readonly from: string;
  readonly logger: Logger;
  /** How often the loop looks for due messages; 2000 ms unless said otherwise. */
  readonly pollIntervalMs?: number;
  /**
   * How long a message that keeps failing for passing reasons (server down, 4xx replies) is
   * retried, counted from when it was enqueued; five days unless said otherwise. A mail
   * server down over a long weekend loses nothing.
   */
  readonly retryForMs?: number;
  /** Milliseconds to wait after the n-th failed delivery; see `mailBackoff`. */
  readonly backoff?: (attempt: number) => number;
  /** The time retries are scheduled by; tests move it. */
  readonly clock?: () => Date;
}

const DEFAULT_RETRY_FOR_MS = 5 * 24 * 3_600_000;

const BATCH_SIZE = 10;
const MAX_ERROR_LENGTH = 500;

type Outcome = 'sent' | 'retrying' | 'failed';

/** `last_error` text: our code and message, never the variables (they never reach an error). */
function describeError(error: unknown): string {
  const text =
    error instanceof MailError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

function openVariables(box: SecretBox, message: ClaimedMessage): Record<string, string> {
  const unreadable = (reason: string, cause?: unknown) =>
    new MailError('PAYLOAD_UNREADABLE', `The stored variables ${reason}.`, { cause });

  if (message.payloadSealed === null) throw unreadable('are missing');
  let json: string;
  try {
    json = box.open(message.payloadSealed, payloadLocation(message.id));
  } catch (error) {
    throw unreadable('do not open with the configured master keys', error);
  }

  let variables: unknown;
  try {
    variables = JSON.parse(json);
  } catch (error) {
    throw unreadable('are not JSON', error);
  }
  if (!isStringRecord(variables)) throw unreadable('are not an object of strings');
  return variables;
}

/** Settles every delivery of a batch before reporting the first database failure, if any. */
async function settleAll(work: readonly Promise<Outcome>[]): Promise<Outcome[]> {
  const results = await Promise.allSettled(work);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((result) => (result.status === 'fulfilled' ? result.value : 'failed'));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`The mail worker's ${name} must be a positive integer.`);
  }
  return value;
}

/**
 * Starts the loop that delivers the outbox: every `pollIntervalMs`, and right away on `wake()`.
 * Several workers may run against one database; each message is claimed by one of them. A
 * delivery that fails for a passing reason is retried with capped, jittered backoff for
 * `retryForMs`; only a message that can never go (refused for good by the server, or not
 * renderable) is marked FAILED at once. A FAILED row keeps its sealed variables and the
 * reason, so an operator can see why and queue it again by setting it back to PENDING.
 * Delivery is at least once: if a process dies between handing a message over and recording
 * it, the message goes again. The transport is the caller's to close, after `stop()`.
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, box, transport, from, logger } = options;
  const pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs ?? 2000);
  const retryForMs = positiveInteger('retryForMs', options.retryForMs ?? DEFAULT_RETRY_FOR_MS);
  const backoff = options.backoff ?? ((attempt: number) => mailBackoff(attempt));
  const clock = options.clock ?? (() => new Date());

  async function prepare(message: ClaimedMessage): Promise<OutgoingMail> {
    if (!isMailTemplateName(message.template)) {
      throw new MailError('TEMPLATE_UNKNOWN', `There is no mail template "${message.template}".`);
    }
    const variables = openVariables(box, message);
    const rendered = await renderMail(message.template, variables);
    return { to: message.recipient, from, ...rendered };
  }

  async function finish(message: ClaimedMessage, reason: string): Promise<Outcome> {
    await db.mailMessage.updateMany({
      where: { id: message.id, status: 'PENDING' },
      data: { status: 'FAILED', lastError: reason },
    });
    const { id: mailId, template, attempts } = message;
    logger.error({ mailId, template, attempts, reason }, 'mail delivery given up');
    return 'failed';
  }

  async function retryLater(message: ClaimedMessage, reason: string): Promise<Outcome> {
    const now = clock();
    if (now.getTime() - message.createdAt.getTime() >= retryForMs) {
      const hours = Math.round(retryForMs / 3_600_000);
      return finish(message, `${reason} (retried for ${hours} hours)`.slice(0, MAX_ERROR_LENGTH));
    }

    const nextAttemptAt = new Date(now.getTime() + Math.max(0, backoff(message.attempts)));
    await db.mailMessage.updateMany({
      where: { id: message.id, status: 'PENDING' },
      data: { nextAttemptAt, lastError: reason },
    });
    const { id: mailId, template, attempts } = message;
    logger.warn({ mailId, template, attempts, nextAttemptAt, reason }, 'mail delivery failed');
    return 'retrying';
  }

  async function deliver(message: ClaimedMessage): Promise<Outcome> {
    let mail: OutgoingMail;
    try {
      mail = await prepare(message);
    } catch (error) {
      // A message that cannot be rendered now never will be; other errors may pass.
      if (error instanceof MailError) return finish(message, describeError(error));
      return retryLater(message, describeError(error));
    }

    try {
      await transport.send(mail);
    } catch (error) {
      const permanent = error instanceof MailError && error.code === 'DELIVERY_REJECTED';
      if (permanent) return finish(message, describeError(error));
      return retryLater(message, describeError(error));
    }

    await db.mailMessage.updateMany({
      where: { id: message.id, status: 'PENDING' },
      data: { status: 'SENT', sentAt: clock(), payloadSealed: null, lastError: null },
    });
    const { id: mailId, template, attempts } = message;
    logger.info({ mailId, template, attempts }, 'mail sent');
    return 'sent';
  }

  async function deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await claimDueMessages(db, { now: clock(), limit: BATCH_SIZE });
      const outcomes = await settleAll(batch.map(deliver));
      sent += outcomes.filter((outcome) => outcome === 'sent').length;
      // A short batch means nothing else was due; a failed message is due again only after
      // its backoff (and a claim leases it for minutes), so this loop ends.
      if (batch.length < BATCH_SIZE) return sent;
    }
  }

  let stopped = false;
  let passes: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  let wokenDuringTick = false;

  function drain(): Promise<number> {
    if (stopped) return Promise.reject(new Error('The mail worker was stopped.'));
    // One pass at a time per worker; other workers are kept apart by the row locks.
    const pass = passes.then(deliverDue);
    passes = pass.catch(() => undefined);
    return pass;
  }

  function arm(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
    // The loop alone must not keep the process alive.
    timer.unref();
  }

  async function tick(): Promise<void> {
    ticking = true;
    wokenDuringTick = false;
    try {
      await drain();
    } catch (error) {
      if (!stopped) logger.error({ err: error }, 'mail worker pass failed');
    } finally {
      ticking = false;
      arm(wokenDuringTick ? 0 : pollIntervalMs);
    }
  }

  arm(pollIntervalMs);

  return {
    drain,
    wake() {
      if (stopped) return;
      if (ticking) wokenDuringTick = true;
      else arm(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await passes;
    },
  };
}
