import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEnrollment } from '../../generated/prisma/client.js';
import {
  sweepEmailVerifiedEvents,
  type SweepReport,
} from '../../subgraphs/organization/background/email-verified-sweep.js';
import { testDatabaseKinds } from '../support/databases.js';
import { identityOperations, payloadOf, STRONG_PASSWORD } from '../support/identity-operations.js';
import { startSmtpPeer, tokenFromMail, type SmtpPeer } from '../support/smtp-peer.js';
import { startSystem, type TestSystem } from '../support/system.js';
import { organizationHelpers, uniqueAddress, uniqueDomain } from './helpers.js';

/** Polls until `check` yields a value; fails after `timeoutMs` instead of waiting forever. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | null | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(testDatabaseKinds)(
  'automatic joining through a verified AUTO domain (%s)',
  (databaseKind) => {
    let system: TestSystem;
    let smtp: SmtpPeer;
    const helpers = organizationHelpers(() => system);

    beforeAll(async () => {
      smtp = await startSmtpPeer();
      system = await startSystem({ databaseKind, env: { SMTP_URL: smtp.url } });
    });

    afterAll(async () => {
      await system?.stop();
      await smtp?.stop();
    });

    /** An organization with a verified domain of the given enrollment. */
    async function organizationWithDomain(enrollment: DomainEnrollment) {
      const organization = await helpers.organization();
      const domain = uniqueDomain();
      await helpers.addDomain(organization.id, domain, enrollment);
      return { ...organization, domain };
    }

    /** Signs up at the address and follows the verification link from the mail. */
    async function signUpAndVerify(email: string) {
      const api = identityOperations(system.gatewayUrl);
      const signedUp = payloadOf(await api.signUp({ email }), 'signUp');
      expect(await system.db.membership.count({ where: { userId: signedUp.user.id } })).toBe(0);
      const verified = await api.verifyEmail(tokenFromMail(await smtp.nextMailTo(email)));
      expect(verified.body.errors).toBeUndefined();
      return signedUp.user.id;
    }

    /** The verified-email event of a user once organization has processed it. */
    const processedEvent = (userId: string) =>
      eventually(`the verified-email event of ${userId} to be processed`, () =>
        system.db.emailVerifiedEvent.findFirst({ where: { userId, processedAt: { not: null } } }),
      );

    it('joins a new user with the default role when they verify an address at the domain', async () => {
      const organization = await organizationWithDomain('AUTO');
      await system.db.organization.update({
        where: { id: organization.id },
        data: { defaultRole: 'ADMIN' },
      });
      const email = uniqueAddress(organization.domain);

      const userId = await signUpAndVerify(email);

      await processedEvent(userId);
      const membership = await system.db.membership.findFirst({ where: { userId } });
      expect(membership).toMatchObject({ organizationId: organization.id, role: 'ADMIN' });

      const api = identityOperations(system.gatewayUrl);
      const signedIn = payloadOf(await api.signIn({ email, password: STRONG_PASSWORD }), 'signIn');
      const memberships = await helpers.gql(
        { id: userId, email, token: signedIn.accessToken },
        '{ me { memberships { role organization { id } } } }',
      );
      expect(memberships.body.data).toEqual({
        me: { memberships: [{ role: 'ADMIN', organization: { id: organization.id } }] },
      });
      const audit = await system.db.auditEvent.findFirst({
        where: { organizationId: organization.id, action: 'member.auto_provisioned' },
      });
      expect(audit).toMatchObject({
        actorUserId: userId,
        targetId: userId,
        clientAddress: 'system',
        details: { domain: organization.domain, role: 'ADMIN', source: 'email_verification' },
      });
    });

    it('leaves people at a REQUEST domain to ask', async () => {
      const organization = await organizationWithDomain('REQUEST');

      const userId = await signUpAndVerify(uniqueAddress(organization.domain));

      // Processed means the provisioning for this event has run and committed.
      await processedEvent(userId);
      expect(await system.db.membership.count({ where: { userId } })).toBe(0);
    });

    it('joins nobody automatically while the organization has join requests switched off', async () => {
      const organization = await organizationWithDomain('AUTO');
      await system.db.organization.update({
        where: { id: organization.id },
        data: { joinRequestsEnabled: false },
      });

      const userId = await signUpAndVerify(uniqueAddress(organization.domain));

      await processedEvent(userId);
      expect(await system.db.membership.count({ where: { userId } })).toBe(0);
    });

    it('joins a user who verified while organization was down once it is back', async () => {
      const organization = await organizationWithDomain('AUTO');
      await system.stopSubgraph('organization');
      let userId: string;
      try {
        userId = await signUpAndVerify(uniqueAddress(organization.domain));
        const event = await system.db.emailVerifiedEvent.findFirstOrThrow({ where: { userId } });
        expect(event.processedAt).toBeNull();
        expect(await system.db.membership.count({ where: { userId } })).toBe(0);
      } finally {
        await system.startSubgraph('organization');
      }

      await processedEvent(userId);
      expect(await system.db.membership.findFirst({ where: { userId } })).toMatchObject({
        organizationId: organization.id,
        role: 'MEMBER',
      });
    });

    it('processes each event once when two instances sweep at the same moment', async () => {
      const organization = await organizationWithDomain('AUTO');
      const users = await Promise.all(
        Array.from({ length: 5 }, () => system.createUser(uniqueAddress(organization.domain))),
      );
      // Rows as identity writes them, without the NOTIFY: only a sweep can find them.
      await system.db.emailVerifiedEvent.createMany({
        data: users.map((user) => ({ userId: user.id, email: user.email })),
      });

      const reports = await Promise.all([
        sweepEmailVerifiedEvents(system.db),
        sweepEmailVerifiedEvents(system.db),
      ]);

      const ours = (report: SweepReport) =>
        report.joined.filter((joined) => joined.organizationId === organization.id).length;
      // The running service's own sweep may take some of them too; nobody takes one twice.
      expect(reports.reduce((sum, report) => sum + ours(report), 0)).toBeLessThanOrEqual(5);
      expect(
        await system.db.membership.count({
          where: { organizationId: organization.id, userId: { in: users.map((user) => user.id) } },
        }),
      ).toBe(5);
      expect(
        await system.db.auditEvent.count({
          where: { organizationId: organization.id, action: 'member.auto_provisioned' },
        }),
      ).toBe(5);
      expect(
        await system.db.emailVerifiedEvent.count({
          where: { userId: { in: users.map((user) => user.id) }, processedAt: null },
        }),
      ).toBe(0);
    });
  },
);
