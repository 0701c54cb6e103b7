import { z } from 'zod';
import { positiveInt } from '../../platform/config/variables.js';
import { areValidDnsServers } from './domains/dns-servers.js';

/** Variables only the organization subgraph reads; README.md lists them with the others. */
export const organizationVariables = {
  INVITE_TTL_DAYS: positiveInt(7),
  /** The app that opens invitation links (/accept-invite?token=...). */
  APP_URL: z
    .url({ message: 'expected the URL of the app that opens links from mail' })
    .default('http://localhost:3000'),
  /**
   * DNS server(s) for domain verification, as ip[:port], comma-separated; the system's
   * resolver when unset. Tests point it at a DNS server of their own.
   */
  DNS_SERVERS: z
    .string()
    .refine(areValidDnsServers, {
      message: 'expected IP addresses with optional ports, comma-separated, e.g. 10.0.0.2:53',
    })
    .optional(),
  /**
   * How often organization looks for verified-email events it has not processed and drops
   * expired idempotency keys; a NOTIFY from identity wakes it sooner.
   */
  ORGANIZATION_SWEEP_INTERVAL_MS: positiveInt(30_000),
  /**
   * A PEM file of certificate authorities to trust, besides the system's, when fetching an
   * SSO issuer's discovery document: for providers inside a network with its own CA.
   */
  OAUTH_ISSUER_CA_FILE: z.string().min(1).optional(),
};

export type OrganizationConfig = z.infer<z.ZodObject<typeof organizationVariables>>;
