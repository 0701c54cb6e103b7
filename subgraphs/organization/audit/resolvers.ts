import type { Resolvers } from '../generated/resolvers-types.js';
import { paginate } from '../paginate.js';

/** Reading the audit log, oldest event first. */
export const auditResolvers: Resolvers = {
  Query: {
    auditLog: (_parent, args, context) =>
      paginate(context.db.auditEvent, { organizationId: args.organizationId }, args),
  },
  Organization: {
    auditLog: (organization, args, context) =>
      paginate(context.db.auditEvent, { organizationId: organization.id }, args),
  },
  AuditEvent: {
    actor: (event) => ({ id: event.actorUserId }),
    details: (event) => JSON.stringify(event.details ?? {}),
  },
};
