import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';

// Prisma 6.19's CLI would otherwise download native engines, which fails offline.
// The JS engine with an in-memory PGlite adapter lets `prisma generate` and
// `prisma migrate diff` run without a network; migrations are applied by
// platform/db/migrations.ts, not by the CLI (see README, "Database and migrations").
export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  // pglite-prisma-adapter ships its own copy of Prisma's adapter types; they differ only
  // nominally from 6.19's, so the factory is cast rather than the CLI config loosened.
  adapter: async () => new PrismaPGlite(new PGlite()) as never,
});
