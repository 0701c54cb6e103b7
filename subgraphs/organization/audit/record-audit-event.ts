import type { Prisma } from '../../../generated/prisma/client.js';
import { requireViewerId } from '../../../platform/rules/viewer-id.js';
import type { OrganizationContext } from '../context.js';

export interface AuditEntry {
  readonly organizationId: string;
  /** Dotted verb, e.g. `member.role_changed`, `oauth_config.secret_replaced`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  /** What changed; callers pass names and flags, never a secret value. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * Records an admin's change inside the transaction that makes it, so the log and the change
 * commit or fail together.
 */
export async function recordAuditEvent(
  tx: Prisma.TransactionClient,
  context: OrganizationContext,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId: entry.organizationId,
      actorUserId: requireViewerId(context),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: { ...entry.details },
      clientAddress: context.clientAddress,
    },
  });
}
