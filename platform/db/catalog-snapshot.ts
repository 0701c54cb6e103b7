import type { SqlExecutor, SqlRow } from './sql-executor.js';

/**
 * The shape of a database's current schema: one entry per object, keyed by what the object is
 * (`column users.email`) and describing it in PostgreSQL's own rendering (`text not null`).
 * Data and Prisma's migration history are left out; two databases built different ways are
 * the same schema exactly when their snapshots are equal.
 */
export type CatalogSnapshot = ReadonlyMap<string, string>;

const HISTORY_TABLE = '_prisma_migrations';

const TABLES = `
  SELECT c.relname AS table_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1`;

const COLUMNS = `
  SELECT c.relname AS table_name, a.attname AS column_name,
         format_type(a.atttypid, a.atttypmod) AS data_type, a.attnotnull AS not_null,
         pg_get_expr(d.adbin, d.adrelid) AS default_value,
         a.attidentity AS identity, a.attgenerated AS generated
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1
     AND a.attnum > 0 AND NOT a.attisdropped`;

const ENUMS = `
  SELECT t.typname AS enum_name, e.enumlabel AS label
    FROM pg_type t
    JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE n.nspname = current_schema()`;

const CONSTRAINTS = `
  SELECT c.relname AS table_name, con.conname AS constraint_name,
         pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = con.connamespace
   WHERE n.nspname = current_schema() AND c.relname <> $1
     -- PostgreSQL 18 (PGlite) also lists NOT NULL as constraints ('n'), named after the column
     -- they were created with; the column entry already says whether it is nullable.
     AND con.contype <> 'n'`;

const INDEXES = `
  SELECT tablename AS table_name, indexname AS index_name, indexdef AS definition
    FROM pg_indexes
   WHERE schemaname = current_schema() AND tablename <> $1`;

const SEQUENCES = `
  SELECT sequencename AS sequence_name, data_type::text AS data_type
    FROM pg_sequences
   WHERE schemaname = current_schema()`;

const EXTENSIONS = `SELECT extname AS extension_name FROM pg_extension WHERE extname <> 'plpgsql'`;

function text(row: SqlRow, column: string): string {
  const value = row[column];
  return value === null || value === undefined ? '' : String(value);
}

function describeColumn(row: SqlRow): string {
  const parts = [text(row, 'data_type'), row.not_null === true ? 'not null' : 'null'];
  const defaultValue = text(row, 'default_value');
  if (defaultValue !== '') parts.push(`default ${defaultValue}`);
  if (text(row, 'identity') !== '') parts.push(`identity ${text(row, 'identity')}`);
  if (text(row, 'generated') !== '') parts.push(`generated ${text(row, 'generated')}`);
  return parts.join(' ');
}

function enumEntries(rows: readonly SqlRow[]): [string, string][] {
  const labels = new Map<string, string[]>();
  for (const row of rows) {
    const name = `enum ${text(row, 'enum_name')}`;
    labels.set(name, [...(labels.get(name) ?? []), text(row, 'label')]);
  }
  // Compared as a set: Prisma appends a new label with ADD VALUE, while a fresh CREATE TYPE
  // lists labels in schema order, and Prisma itself does not treat the order as a change.
  return [...labels].map(([name, values]) => [name, values.sort().join(', ')]);
}

/** Reads the schema of the executor's current schema (normally `public`). */
export async function takeCatalogSnapshot(executor: SqlExecutor): Promise<CatalogSnapshot> {
  const entries: [string, string][] = [];
  const excludingHistory = (sql: string) => executor.query(sql, [HISTORY_TABLE]);

  for (const row of await excludingHistory(TABLES)) {
    entries.push([`table ${text(row, 'table_name')}`, 'table']);
  }
  for (const row of await excludingHistory(COLUMNS)) {
    const name = `${text(row, 'table_name')}.${text(row, 'column_name')}`;
    entries.push([`column ${name}`, describeColumn(row)]);
  }
  entries.push(...enumEntries(await executor.query(ENUMS)));
  for (const row of await excludingHistory(CONSTRAINTS)) {
    const name = `${text(row, 'table_name')}.${text(row, 'constraint_name')}`;
    entries.push([`constraint ${name}`, text(row, 'definition')]);
  }
  for (const row of await excludingHistory(INDEXES)) {
    const name = `${text(row, 'table_name')}.${text(row, 'index_name')}`;
    entries.push([`index ${name}`, text(row, 'definition')]);
  }
  for (const row of await executor.query(SEQUENCES)) {
    entries.push([`sequence ${text(row, 'sequence_name')}`, text(row, 'data_type')]);
  }
  for (const row of await executor.query(EXTENSIONS)) {
    entries.push([`extension ${text(row, 'extension_name')}`, 'installed']);
  }

  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(entries);
}

/** What to call the two sides in the differences, such as 'migrations' and 'schema.prisma'. */
export interface SnapshotLabels {
  readonly left: string;
  readonly right: string;
}

/**
 * Every way two snapshots differ, one readable line each, sorted; empty when they are equal.
 * Column order is not compared: ALTER TABLE appends columns, and Prisma ignores order too.
 */
export function compareCatalogSnapshots(
  left: CatalogSnapshot,
  right: CatalogSnapshot,
  labels: SnapshotLabels = { left: 'left', right: 'right' },
): string[] {
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  const differences: string[] = [];

  for (const key of keys) {
    const leftValue = left.get(key);
    const rightValue = right.get(key);
    if (leftValue === rightValue) continue;

    if (rightValue === undefined) {
      differences.push(`${key}: only in ${labels.left} (${leftValue})`);
    } else if (leftValue === undefined) {
      differences.push(`${key}: only in ${labels.right} (${rightValue})`);
    } else {
      differences.push(
        `${key}: ${labels.left} has "${leftValue}", ${labels.right} has "${rightValue}"`,
      );
    }
  }
  return differences;
}
