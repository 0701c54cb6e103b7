import nodemailer from 'nodemailer';
import { MailError } from './mail-error.js';
import type { MailTransport, OutgoingMail } from './mail-transport.js';

/*
 * Without these the client waits up to two minutes for a connection and ten for a silent
 * socket, and a hung server would stall every delivery behind it.
 */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;
const MAX_CONNECTIONS = 3;
const MAX_ERROR_LENGTH = 300;

function parseSmtpUrl(smtpUrl: string): URL {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch (error) {
    // The value may hold a password, so the message does not repeat it.
    throw new MailError('TRANSPORT_CONFIG_INVALID', 'SMTP_URL is not a valid URL.', {
      cause: error,
    });
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new MailError(
      'TRANSPORT_CONFIG_INVALID',
      'SMTP_URL must be smtp://host[:port] or smtps://host[:port], with optional credentials.',
    );
  }
  return url;
}

function credentialsOf(url: URL): string[] {
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  const values = [url.username, url.password].flatMap((value) => [value, decode(value)]);
  return [...new Set(values.filter((value) => value.length > 0))];
}

/** The client's own words, with anything from the URL's credentials blanked out. */
function describeFailure(error: unknown, credentials: readonly string[]): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? `${error.code}: `
      : '';
  let message = error instanceof Error ? error.message : String(error);
  for (const credential of credentials) message = message.replaceAll(credential, '[redacted]');
  return `${code}${message}`.slice(0, MAX_ERROR_LENGTH);
}

/** Reads a property of a foreign error without trusting its shape. */
function property(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, name) : undefined;
}

/**
 * Whether the server refused this message for good: a 5xx reply (RFC 5321, 4.2.1; 503 only
 * says the session was out of step) to RCPT TO or to the message data, as nodemailer reports
 * with `EENVELOPE` or `EMESSAGE`. A 5xx to MAIL FROM or to AUTH is about our configuration,
 * not the message, and every 4xx, timeout or refused connection may pass: those are retried.
 */
export function isPermanentRejection(error: unknown): boolean {
  const code = property(error, 'code');
  const command = property(error, 'command');
  const responseCode = property(error, 'responseCode');
  if (code !== 'EENVELOPE' && code !== 'EMESSAGE') return false;
  if (command === 'MAIL FROM' || typeof responseCode !== 'number') return false;
  return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

/** Pooled SMTP delivery through nodemailer; the URL's query may tune nodemailer further. */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = parseSmtpUrl(smtpUrl);
  const credentials = credentialsOf(url);
  const client = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });

  return {
    description: `${url.protocol}//${url.host}`,
    async send(mail: OutgoingMail) {
      try {
        await client.sendMail({ ...mail });
      } catch (error) {
        const code = isPermanentRejection(error) ? 'DELIVERY_REJECTED' : 'DELIVERY_FAILED';
        throw new MailError(code, describeFailure(error, credentials), { cause: error });
      }
    },
    close() {
      client.close();
      return Promise.resolve();
    },
  };
}
