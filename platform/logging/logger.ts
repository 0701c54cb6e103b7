import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Matching is by key name at any of the first
 * few levels, so a new field named `password` is covered without touching this list.
 */
const SENSITIVE_KEYS = [
  // Credentials a client sends.
  'authorization',
  'cookie',
  'password',
  'currentPassword',
  'newPassword',
  // Tokens of every kind: access, refresh, one-time links, invitations, ID tokens.
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'invitationToken',
  // Secrets of ours and of identity providers.
  'clientSecret',
  'secret',
  'privateKey',
  'masterKey',
  'secretsMasterKey',
  'previousMasterKeys',
  // Connection strings, which carry passwords, by their option and variable names.
  'connectionString',
  'databaseUrl',
  'redisUrl',
  'smtpUrl',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'SECRETS_MASTER_KEY',
  'SECRETS_PREVIOUS_MASTER_KEYS',
];

/** The pino redact paths: each sensitive key at the top and up to three levels down. */
export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SENSITIVE_KEYS) {
    paths.push(key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`);
  }
  return paths;
}

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where JSON lines go; defaults to stdout. Tests pass a stream to read them back. */
  readonly destination?: NodeJS.WritableStream;
}

/** One structured JSON logger per service; every line names the service. */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service },
    redact: { paths: redactPaths(), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (settings.destination) return pino(options, settings.destination);
  return pino(options);
}
