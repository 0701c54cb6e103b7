import { seedAccounts, SIGN_IN_MUTATION } from '../accounts.js';
import { startBenchSubgraphs } from '../bench-system.js';
import { callGraphql } from '../graphql-call.js';
import type { SubgraphName } from '../../../platform/server/subgraph-config.js';
import { serveFromChild } from './service-protocol.js';

/**
 * The subgraphs in one process of their own, shared by every gateway a benchmark compares,
 * with signed-in accounts that each belong to two organizations. Reports the subgraphs' URLs,
 * the accounts' access tokens and the variables a gateway, or a subgraph started in another
 * process (subgraph.ts), needs to join. BENCH_SUBGRAPHS narrows which subgraphs run here;
 * identity always does, since the accounts sign in through it.
 */

const ORGANIZATIONS = 2;
/** Sign-ins in flight while preparing; Argon2 runs on libuv's pool of four threads. */
const SIGN_IN_CONCURRENCY = 4;

async function signIn(url: string, email: string, password: string): Promise<string> {
  const data = await callGraphql({
    url,
    query: SIGN_IN_MUTATION,
    variables: { input: { email, password, deviceName: 'benchmark' } },
  });
  const token = (data.signIn as { accessToken?: unknown } | null)?.accessToken;
  if (typeof token !== 'string') throw new TypeError('signIn returned no access token.');
  return token;
}

await serveFromChild(async () => {
  const accountCount = Number(process.env.BENCH_ACCOUNTS ?? 1);
  // Unset or empty: all three.
  const only = (process.env.BENCH_SUBGRAPHS ?? '').split(',').filter(Boolean) as SubgraphName[];
  const subgraphs = await startBenchSubgraphs({
    databaseServerUrl: process.env.BENCH_DATABASE_SERVER_URL || undefined,
    subgraphs:
      only.length > 0
        ? ['identity' as const, ...only.filter((name) => name !== 'identity')]
        : undefined,
  });
  const identityUrl = subgraphs.urls.identity ?? '';
  try {
    const { prisma } = subgraphs;
    const accounts = await seedAccounts(prisma, { count: accountCount, prefix: 'gateway-path' });
    const users = await prisma.user.findMany({
      where: { email: { in: [...accounts.emails] } },
      select: { id: true },
    });
    for (let index = 0; index < ORGANIZATIONS; index += 1) {
      const organization = await prisma.organization.create({
        data: { name: `Gateway path ${index}` },
      });
      await prisma.membership.createMany({
        data: users.map((user) => ({
          organizationId: organization.id,
          userId: user.id,
          role: index === 0 ? 'OWNER' : 'MEMBER',
        })),
      });
    }

    // Through identity, as a client would get them: real sessions, real tokens.
    const tokens: string[] = [];
    for (let start = 0; start < accounts.emails.length; start += SIGN_IN_CONCURRENCY) {
      const batch = accounts.emails.slice(start, start + SIGN_IN_CONCURRENCY);
      tokens.push(
        ...(await Promise.all(batch.map((email) => signIn(identityUrl, email, accounts.password)))),
      );
    }

    return {
      url: identityUrl,
      details: {
        ...subgraphs.env,
        IDENTITY_URL: identityUrl,
        ORGANIZATION_URL: subgraphs.urls.organization ?? '',
        FUNCTION_URL: subgraphs.urls.function ?? '',
        DATABASE_KIND: subgraphs.databaseKind,
        ACCESS_TOKENS: tokens.join(' '),
      },
      stop: () => subgraphs.stop(),
    };
  } catch (error) {
    await subgraphs.stop();
    throw error;
  }
});
