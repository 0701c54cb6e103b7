import type { DomainEnrollment, Prisma } from '../../../generated/prisma/client.js';
import type { Viewer } from '../../../platform/auth/viewer.js';
import { foldEmail } from '../../../platform/graphql/email-address.js';

/** Enrollments that let people with an address at the domain in without an invitation. */
export const OPEN_ENROLLMENTS: readonly DomainEnrollment[] = ['REQUEST', 'AUTO'];

/** The domain part of an address, folded as addresses are compared, or null when it has none. */
export function emailDomain(email: string): string | null {
  const address = foldEmail(email);
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? address.slice(at + 1) : null;
}

/**
 * The domain of the viewer's address when the access token says it is verified, else null:
 * an unverified address proves nothing about who is asking.
 */
export function verifiedEmailDomain(viewer: Viewer): string | null {
  return viewer.emailVerified ? emailDomain(viewer.email) : null;
}

/**
 * Organizations whose verified domain matches `domain` and takes requests or joins people
 * automatically, with join requests switched on: the switch closes both ways in. Domains are
 * stored lower-cased, so an exact comparison is enough and can use the index on (domain,
 * status).
 */
export function openToDomain(domain: string): Prisma.OrganizationWhereInput {
  return {
    joinRequestsEnabled: true,
    domains: {
      some: { domain, status: 'VERIFIED', enrollment: { in: [...OPEN_ENROLLMENTS] } },
    },
  };
}
