import type { Resolvers } from '../generated/resolvers-types.js';
import { paginate } from '../paginate.js';
import { addDomain } from './add-domain.js';
import { setDomainEnrollment } from './domain-enrollment.js';
import { removeDomain } from './remove-domain.js';
import { verificationRecord } from './verification-record.js';
import { verifyDomain } from './verify-domain.js';

/** Domains an organization claims, their DNS verification and how their users may join. */
export const domainsResolvers: Resolvers = {
  Mutation: {
    addDomain: (_parent, args, context) => addDomain(context, args.input),
    verifyDomain: (_parent, args, context) => verifyDomain(context, args.id),
    setDomainEnrollment: (_parent, args, context) => setDomainEnrollment(context, args.input),
    removeDomain: (_parent, args, context) => removeDomain(context, args.id),
  },
  Organization: {
    domains: (organization, args, context) =>
      paginate(context.db.domain, { organizationId: organization.id }, args),
  },
  Domain: {
    verificationRecord: (domain) => verificationRecord(domain),
  },
};
