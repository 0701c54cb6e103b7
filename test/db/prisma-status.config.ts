import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

/*
 * The Prisma config with which migrations.test.ts asks Prisma's own `migrate status` whether it
 * reads the history our runner wrote. The test names the database in STATUS_DATABASE_URL.
 */
export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: new URL('../../prisma/schema.prisma', import.meta.url).pathname,
  migrations: { path: new URL('../../prisma/migrations', import.meta.url).pathname },
  adapter: async () => new PrismaPg({ connectionString: process.env.STATUS_DATABASE_URL }),
});
