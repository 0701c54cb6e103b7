import { seedAccounts, SIGN_IN_MUTATION } from '../accounts.js';
import { startBenchSubgraphs } from '../bench-system.js';
import { callGraphql } from '../graphql-call.js';
import { serveFromChild } from './service-protocol.js';

/**
 * The three subgraphs in one process of their own, shared by every gateway a benchmark
 * compares, with one signed-in account that belongs to two organizations. Reports the
 * subgraphs' URLs, the account's access token and the variables a gateway needs to join.
 */

const ORGANIZATIONS = 2;

await serveFromChild(async () => {
  const subgraphs = await startBenchSubgraphs({
    databaseServerUrl: process.env.BENCH_DATABASE_SERVER_URL || undefined,
  });
  try {
    const { prisma } = subgraphs;
    const accounts = await seedAccounts(prisma, { count: 1, prefix: 'gateway-path' });
    const email = accounts.emails[0] ?? '';
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    for (let index = 0; index < ORGANIZATIONS; index += 1) {
      await prisma.organization.create({
        data: {
          name: `Gateway path ${index}`,
          memberships: { create: { userId: user.id, role: index === 0 ? 'OWNER' : 'MEMBER' } },
        },
      });
    }

    const data = await callGraphql({
      url: subgraphs.urls.identity,
      query: SIGN_IN_MUTATION,
      variables: { input: { email, password: accounts.password, deviceName: 'benchmark' } },
    });
    const token = (data.signIn as { accessToken?: unknown } | null)?.accessToken;
    if (typeof token !== 'string') throw new TypeError('signIn returned no access token.');

    return {
      url: subgraphs.urls.identity,
      details: {
        ...subgraphs.env,
        IDENTITY_URL: subgraphs.urls.identity,
        ORGANIZATION_URL: subgraphs.urls.organization,
        FUNCTION_URL: subgraphs.urls.function,
        DATABASE_KIND: subgraphs.databaseKind,
        ACCESS_TOKEN: token,
      },
      stop: () => subgraphs.stop(),
    };
  } catch (error) {
    await subgraphs.stop();
    throw error;
  }
});
