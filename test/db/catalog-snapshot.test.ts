import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  compareCatalogSnapshots,
  takeCatalogSnapshot,
  type CatalogSnapshot,
} from '../../platform/db/catalog-snapshot.js';
import { PRISMA_MIGRATIONS_TABLE_DDL } from '../../platform/db/migrations.js';
import { pgliteExecutor } from '../../platform/db/sql-executor.js';

const NOTES = `
  CREATE TYPE "mood" AS ENUM ('HAPPY', 'SAD');
  CREATE TABLE "notes" (
    "id" SERIAL NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "mood" "mood",
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
  );
  CREATE INDEX "notes_mood_idx" ON "notes"("mood");`;

describe('catalog snapshots', () => {
  let left: PGlite;
  let right: PGlite;

  const snapshot = (db: PGlite) => takeCatalogSnapshot(pgliteExecutor(db));
  const compare = (a: CatalogSnapshot, b: CatalogSnapshot) =>
    compareCatalogSnapshots(a, b, { left: 'migrations', right: 'schema.prisma' });

  // Two instances for the file, each case starting from an empty schema, since creating a
  // PGlite instance takes a second or two.
  beforeAll(async () => {
    [left, right] = await Promise.all([PGlite.create(), PGlite.create()]);
  });

  afterAll(async () => {
    await Promise.all([left.close(), right.close()]);
  });

  beforeEach(async () => {
    const reset = `DROP SCHEMA public CASCADE; CREATE SCHEMA public; ${NOTES}`;
    await Promise.all([left.exec(reset), right.exec(reset)]);
  });

  it("describe tables, columns, enums, keys, indexes and sequences, but not Prisma's history", async () => {
    await left.exec(PRISMA_MIGRATIONS_TABLE_DDL);

    expect([...(await snapshot(left))]).toEqual([
      ['column notes.body', "text not null default ''::text"],
      ['column notes.id', "integer not null default nextval('notes_id_seq'::regclass)"],
      ['column notes.mood', 'mood null'],
      ['constraint notes.notes_pkey', 'PRIMARY KEY (id)'],
      ['enum mood', 'HAPPY, SAD'],
      [
        'index notes.notes_mood_idx',
        'CREATE INDEX notes_mood_idx ON public.notes USING btree (mood)',
      ],
      ['index notes.notes_pkey', 'CREATE UNIQUE INDEX notes_pkey ON public.notes USING btree (id)'],
      ['sequence notes_id_seq', 'integer'],
      ['table notes', 'table'],
    ]);
  });

  it('are equal for the same schema', async () => {
    expect(compare(await snapshot(left), await snapshot(right))).toEqual([]);
  });

  it('report a column only one side has', async () => {
    await right.exec('ALTER TABLE "notes" ADD COLUMN "title" VARCHAR(80)');

    expect(compare(await snapshot(left), await snapshot(right))).toEqual([
      'column notes.title: only in schema.prisma (character varying(80) null)',
    ]);
  });

  it('report a changed default, a dropped index and a new enum label', async () => {
    await left.exec(`
      ALTER TABLE "notes" ALTER COLUMN "body" SET DEFAULT 'empty';
      DROP INDEX "notes_mood_idx";
      ALTER TYPE "mood" ADD VALUE 'CALM';`);

    expect(compare(await snapshot(left), await snapshot(right))).toEqual([
      `column notes.body: migrations has "text not null default 'empty'::text", ` +
        `schema.prisma has "text not null default ''::text"`,
      'enum mood: migrations has "CALM, HAPPY, SAD", schema.prisma has "HAPPY, SAD"',
      'index notes.notes_mood_idx: only in schema.prisma ' +
        '(CREATE INDEX notes_mood_idx ON public.notes USING btree (mood))',
    ]);
  });

  it('report a foreign key that only one side has', async () => {
    await right.exec(`
      CREATE TABLE "authors" ("id" INTEGER PRIMARY KEY);
      ALTER TABLE "notes" ADD COLUMN "author_id" INTEGER;
      ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_fkey" FOREIGN KEY ("author_id")
        REFERENCES "authors"("id") ON DELETE CASCADE;`);

    const differences = compare(await snapshot(left), await snapshot(right));

    expect(differences).toContain(
      'constraint notes.notes_author_id_fkey: only in schema.prisma ' +
        '(FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE)',
    );
    expect(differences).toContain('table authors: only in schema.prisma (table)');
  });

  it('ignore column order and enum label order, which Prisma does not track', async () => {
    await left.exec(`
      CREATE TYPE "size" AS ENUM ('SMALL', 'LARGE');
      CREATE TABLE "pairs" ("a" INTEGER, "b" TEXT);`);
    await right.exec(`
      CREATE TYPE "size" AS ENUM ('LARGE', 'SMALL');
      CREATE TABLE "pairs" ("b" TEXT, "a" INTEGER);`);

    expect(compare(await snapshot(left), await snapshot(right))).toEqual([]);
  });
});
