import type { MembershipRole, Prisma } from '../../../generated/prisma/client.js';
import { emailDomain } from './enrollment.js';

/** What proved the address: identity's verification link now, an SSO sign-in later. */
export type ProvisioningSource = 'email_verification' | 'sso_sign_in';

/** A person whose control of an address has just been proven. */
export interface ProvenAddress {
  readonly userId: string;
  readonly email: string;
}

/** One organization the person was taken into, and with which role. */
export interface ProvisionedMembership {
  readonly organizationId: string;
  readonly role: AutoJoinRole;
}

/** The roles a domain can give. */
export type AutoJoinRole = 'ADMIN' | 'MEMBER';

/**
 * The role someone joining through an AUTO domain gets from the organization's default role.
 * The column allows OWNER; a domain never makes anyone an owner, whatever it holds.
 */
export function autoJoinRole(defaultRole: MembershipRole): AutoJoinRole {
  return defaultRole === 'ADMIN' ? 'ADMIN' : 'MEMBER';
}

/**
 * The one entry point of automatic joining: takes a person whose address was proven into
 * every organization with a verified AUTO domain for it that has join requests switched on,
 * with that organization's default role. Run it inside the caller's transaction, so that it
 * commits with whatever recorded the proof. Safe to repeat and to run on several instances at
 * once: an existing membership is left as it is, and only a new one is audited.
 */
export async function autoProvision(
  tx: Prisma.TransactionClient,
  person: ProvenAddress,
  source: ProvisioningSource,
): Promise<ProvisionedMembership[]> {
  const domain = emailDomain(person.email);
  if (!domain) return [];

  const organizations = await tx.organization.findMany({
    where: {
      joinRequestsEnabled: true,
      domains: { some: { domain, status: 'VERIFIED', enrollment: 'AUTO' } },
      memberships: { none: { userId: person.userId } },
    },
    select: { id: true, defaultRole: true },
  });

  const joined: ProvisionedMembership[] = [];
  for (const organization of organizations) {
    const role = autoJoinRole(organization.defaultRole);
    const created = await tx.membership.createMany({
      data: [{ organizationId: organization.id, userId: person.userId, role }],
      skipDuplicates: true,
    });
    if (created.count === 0) continue;
    await tx.auditEvent.create({
      data: {
        organizationId: organization.id,
        actorUserId: person.userId,
        action: 'member.auto_provisioned',
        targetType: 'User',
        targetId: person.userId,
        details: { domain, role, source },
        clientAddress: 'system',
      },
    });
    joined.push({ organizationId: organization.id, role });
  }
  return joined;
}
