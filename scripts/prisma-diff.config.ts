import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig, type PrismaConfig } from 'prisma/config';

/*
 * The Prisma config `npm run db:diff` passes to `prisma migrate diff --from-migrations`.
 *
 * Offline, the CLI only works with a driver adapter (STACK.md), and with an adapter it refuses
 * `--from-url` and `--from-schema-datasource`. `--from-migrations` is allowed: Prisma replays
 * the migrations into a shadow database from the adapter and diffs that. The stock PGlite
 * adapter fails there, because Prisma sends each whole migration.sql as one parameterless
 * statement and PGlite's extended protocol rejects several commands in one statement
 * ("cannot insert multiple commands into a prepared statement"). Routing parameterless
 * statements to `PGlite.exec`, the simple protocol, is all it takes; both databases are fresh
 * and in memory.
 */

type PgliteAdapter = Awaited<ReturnType<PrismaPGlite['connect']>>;

type ConfigAdapterFactory = Awaited<ReturnType<Extract<PrismaConfig, { engine: 'js' }>['adapter']>>;

function withSimpleProtocolScripts(adapter: PgliteAdapter, pglite: PGlite): PgliteAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    async executeRaw(query) {
      if (query.args.length > 0) return adapter.executeRaw(query);
      const results = await pglite.exec(query.sql);
      return results.at(-1)?.affectedRows ?? 0;
    },
    async executeScript(script) {
      await pglite.exec(script);
    },
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: async () => {
      await adapter.dispose();
      await pglite.close();
    },
  };
}

async function connectInMemory(): Promise<PgliteAdapter> {
  const pglite = await PGlite.create();
  const adapter = await new PrismaPGlite(pglite).connect();
  return withSimpleProtocolScripts(adapter, pglite);
}

const factory = {
  provider: 'postgres',
  adapterName: 'pglite-simple-protocol-scripts',
  connect: connectInMemory,
  connectToShadowDb: connectInMemory,
} as const;

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: new URL('../prisma/schema.prisma', import.meta.url).pathname,
  migrations: { path: new URL('../prisma/migrations', import.meta.url).pathname },
  // The same declared-version skew as in platform/db/database.ts: pglite-prisma-adapter 0.6
  // types itself against an older copy of Prisma's adapter interface.
  adapter: async () => factory as unknown as ConfigAdapterFactory,
});
