import { z } from 'zod';
import { positiveInt } from '../../platform/config/variables.js';

/** Variables only the organization subgraph reads; README.md lists them with the others. */
export const organizationVariables = {
  INVITE_TTL_DAYS: positiveInt(7),
  /** The app that opens invitation links (/accept-invite?token=...). */
  APP_URL: z
    .url({ message: 'expected the URL of the app that opens links from mail' })
    .default('http://localhost:3000'),
  /**
   * DNS server(s) for domain verification, as host:port, comma-separated; the system's
   * resolver when unset. Tests point it at a DNS server of their own.
   */
  DNS_SERVERS: z.string().optional(),
};

export type OrganizationConfig = z.infer<z.ZodObject<typeof organizationVariables>>;
