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
  /** First retry delay after a failed delivery; each later one doubles, up to 15 minutes. */
  MAIL_RETRY_BASE_MS: positiveInt(5_000),
};

export type IdentityConfig = z.infer<z.ZodObject<typeof identityVariables>>;
