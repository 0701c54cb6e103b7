import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { EmailVerifiedEvent } from '../../../platform/auth/email-verified-event.js';

function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(at + 1).toLowerCase() : null;
}

/**
 * Joins a user whose address was just verified to every organization with a verified AUTO
 * domain for it, as MEMBER. Safe to run more than once and on several instances at once:
 * an existing membership is left as it is.
 */
export async function provisionByVerifiedEmail(
  db: PrismaClient,
  event: EmailVerifiedEvent,
): Promise<string[]> {
  const domain = domainOf(event.email);
  if (!domain) return [];

  const organizations = await db.organization.findMany({
    where: {
      domains: { some: { domain, status: 'VERIFIED', enrollment: 'AUTO' } },
      memberships: { none: { userId: event.userId } },
    },
    select: { id: true },
  });

  const joined: string[] = [];
  for (const { id: organizationId } of organizations) {
    const created = await db.$transaction(async (tx) => {
      const result = await tx.membership.createMany({
        data: [{ organizationId, userId: event.userId, role: 'MEMBER' }],
        skipDuplicates: true,
      });
      if (result.count === 0) return false;
      await tx.auditEvent.create({
        data: {
          organizationId,
          actorUserId: event.userId,
          action: 'member.auto_provisioned',
          targetType: 'User',
          targetId: event.userId,
          details: { domain },
          clientAddress: 'system',
        },
      });
      return true;
    });
    if (created) joined.push(organizationId);
  }
  return joined;
}
