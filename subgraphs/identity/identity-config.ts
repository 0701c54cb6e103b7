import { z } from 'zod';
import { positiveInt } from '../../platform/config/variables.js';

/** Variables only the identity subgraph reads; README.md lists them with the others. */
export const identityVariables = {
  REFRESH_GRACE_SECONDS: positiveInt(30),
  REFRESH_IDLE_DAYS: positiveInt(14),
  SESSION_MAX_DAYS: positiveInt(90),
  EMAIL_VERIFICATION_TTL_HOURS: positiveInt(24),
  PASSWORD_RESET_TTL_MINUTES: positiveInt(30),
  APP_URL: z
    .url({ message: 'expected the URL of the app that opens links from mail' })
    .default('http://localhost:3000'),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, message: 'expected an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Federated Identity <no-reply@localhost>'),
  MAIL_POLL_INTERVAL_MS: positiveInt(2_000),
  /** First retry delay after a failed delivery; each later one doubles, up to the maximum. */
  MAIL_RETRY_BASE_MS: positiveInt(5_000),
  MAIL_RETRY_MAX_MS: positiveInt(3_600_000),
  /** How long a message is retried for passing failures before it is marked FAILED. */
  MAIL_RETRY_HOURS: positiveInt(120),
  /** How long the row of a sent message is kept. */
  MAIL_RETENTION_DAYS: positiveInt(30),
  /** How often expired tokens, old revocations and old mail rows are deleted. */
  CLEANUP_INTERVAL_MINUTES: positiveInt(10),
  /** Prefix of the sign-in throttle's Redis keys, so several deployments can share a Redis. */
  RATE_LIMIT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'expected 1 to 64 of A-Z a-z 0-9 : _ -' })
    .default('sign-in-throttle'),
};

export type IdentityConfig = z.infer<z.ZodObject<typeof identityVariables>>;
