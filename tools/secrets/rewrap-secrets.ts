import type { PrismaClient } from '../../generated/prisma/client.js';
import { successorLocation } from '../../subgraphs/identity/sessions/refresh-tokens.js';
import { clientSecretLocation } from '../../subgraphs/organization/oauth-configs/client-secret.js';
import { payloadLocation } from '../../platform/mail/outbox.js';
import type { SecretBox, SecretLocation } from '../../platform/secrets/secret-box.js';

/** One stored sealed value and the location it was sealed for. */
interface SealedValue {
  readonly id: string;
  readonly sealed: string;
  readonly location: SecretLocation;
}

/** A column that holds sealed values, read in pages of ascending row id. */
export interface SealedColumn {
  /** `table.column`, as reports name it. */
  readonly name: string;
  page(db: PrismaClient, afterId: string | undefined, size: number): Promise<SealedValue[]>;
  /** Writes `to` only while the row still holds `from`; false when it changed meanwhile. */
  replace(db: PrismaClient, id: string, from: string, to: string): Promise<boolean>;
}

const after = (id: string | undefined) => (id === undefined ? {} : { id: { gt: id } });

/*
 * Every column the secret box seals into. The locations come from the modules that seal the
 * values, so a location can only change in one place. Each replacement is one conditional
 * UPDATE: its own small transaction, which a concurrent change of the row simply wins.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    name: 'oauth_configs.client_secret_sealed',
    page: async (db, afterId, size) => {
      const rows = await db.oAuthConfig.findMany({
        where: { ...after(afterId), clientSecretSealed: { not: null } },
        select: { id: true, organizationId: true, clientSecretSealed: true },
        orderBy: { id: 'asc' },
        take: size,
      });
      return rows.map((row) => ({
        id: row.id,
        sealed: row.clientSecretSealed ?? '',
        location: clientSecretLocation(row.id, row.organizationId),
      }));
    },
    replace: async (db, id, from, to) =>
      (
        await db.oAuthConfig.updateMany({
          where: { id, clientSecretSealed: from },
          data: { clientSecretSealed: to },
        })
      ).count === 1,
  },
  {
    name: 'refresh_tokens.successor_sealed',
    page: async (db, afterId, size) => {
      const rows = await db.refreshToken.findMany({
        where: { ...after(afterId), successorSealed: { not: null } },
        select: { id: true, successorSealed: true, session: { select: { userId: true } } },
        orderBy: { id: 'asc' },
        take: size,
      });
      return rows.map((row) => ({
        id: row.id,
        sealed: row.successorSealed ?? '',
        location: successorLocation(row.id, row.session.userId),
      }));
    },
    replace: async (db, id, from, to) =>
      (
        await db.refreshToken.updateMany({
          where: { id, successorSealed: from },
          data: { successorSealed: to },
        })
      ).count === 1,
  },
  {
    name: 'mail_outbox.payload_sealed',
    page: async (db, afterId, size) => {
      const rows = await db.mailMessage.findMany({
        where: { ...after(afterId), payloadSealed: { not: null } },
        select: { id: true, payloadSealed: true },
        orderBy: { id: 'asc' },
        take: size,
      });
      return rows.map((row) => ({
        id: row.id,
        sealed: row.payloadSealed ?? '',
        location: payloadLocation(row.id),
      }));
    },
    replace: async (db, id, from, to) =>
      (
        await db.mailMessage.updateMany({
          where: { id, payloadSealed: from },
          data: { payloadSealed: to },
        })
      ).count === 1,
  },
];

interface ColumnCounts {
  column: string;
  /** Re-sealed under the current master key. */
  rewrapped: number;
  /** Already sealed under the current master key. */
  current: number;
  /** Changed by the application between reading and writing; it sealed them itself. */
  changed: number;
  /** Did not open with any configured key; left as they were. */
  failed: number;
}

/** What happened to the values of one column. */
export type ColumnReport = Readonly<ColumnCounts>;

export interface RewrapFailure {
  readonly column: string;
  readonly id: string;
  /** Why the value did not open; never the value. */
  readonly reason: string;
}

export interface RewrapReport {
  readonly columns: readonly ColumnReport[];
  readonly failures: readonly RewrapFailure[];
}

const PAGE_SIZE = 200;

async function rewrapColumn(
  db: PrismaClient,
  box: SecretBox,
  column: SealedColumn,
  failures: RewrapFailure[],
): Promise<ColumnReport> {
  const report: ColumnCounts = {
    column: column.name,
    rewrapped: 0,
    current: 0,
    changed: 0,
    failed: 0,
  };
  let afterId: string | undefined;

  for (;;) {
    const page = await column.page(db, afterId, PAGE_SIZE);
    for (const value of page) {
      if (!box.needsRewrap(value.sealed)) {
        report.current += 1;
        continue;
      }
      let plaintext: string;
      try {
        plaintext = box.open(value.sealed, value.location);
      } catch (error) {
        report.failed += 1;
        const reason = error instanceof Error ? error.message : String(error);
        failures.push({ column: column.name, id: value.id, reason });
        continue;
      }
      const resealed = box.seal(plaintext, value.location);
      if (await column.replace(db, value.id, value.sealed, resealed)) report.rewrapped += 1;
      else report.changed += 1;
    }
    if (page.length < PAGE_SIZE) return report;
    afterId = page[page.length - 1]?.id;
  }
}

/**
 * Re-seals every stored secret under the box's current master key, opening each with
 * whichever configured key sealed it. Values already under the current key are skipped, so
 * running it again, or after an interruption, only finishes the job. Values that open with
 * no configured key are reported and left alone.
 */
export async function rewrapSecrets(
  db: PrismaClient,
  box: SecretBox,
  columns: readonly SealedColumn[] = SEALED_COLUMNS,
): Promise<RewrapReport> {
  const failures: RewrapFailure[] = [];
  const reports: ColumnReport[] = [];
  for (const column of columns) reports.push(await rewrapColumn(db, box, column, failures));
  return { columns: reports, failures };
}
