import { badUserInput } from '../errors/app-error.js';
import { isUuid } from './by-id-loader.js';

/** The largest page any connection returns; larger `first` values are refused, not clipped. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** A keyset position: rows are ordered by creation time, then id, both ascending. */
export interface KeysetCursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface PageRequest {
  readonly size: number;
  readonly after: KeysetCursor | undefined;
}

export interface Connection<Node> {
  readonly edges: readonly { readonly cursor: string; readonly node: Node }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly totalCount: number;
}

export function encodeCursor(position: KeysetCursor): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

/**
 * Reads a cursor this server issued. Anything else (garbage, a forged time or an id that is
 * not a UUID) is refused as BAD_USER_INPUT here, before it can reach a query and fail there.
 */
export function decodeCursor(cursor: string): KeysetCursor {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [createdAt = '', id = ''] = parts;
  const date = new Date(createdAt);
  // Only the exact form encodeCursor writes is accepted, so every issued cursor round-trips.
  const issued =
    parts.length === 2 &&
    isUuid(id) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString() === createdAt;
  if (!issued) throw badUserInput('after', 'The cursor is not one this server issued.');
  return { createdAt: date, id };
}

export function pageRequest(args: ConnectionArgs): PageRequest {
  const size = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return { size, after: args.after ? decodeCursor(args.after) : undefined };
}

/** Prisma `where` fragment selecting rows strictly after the cursor in keyset order. */
export function afterCursorFilter(after: KeysetCursor | undefined) {
  if (!after) return {};
  return {
    OR: [
      { createdAt: { gt: after.createdAt } },
      { createdAt: after.createdAt, id: { gt: after.id } },
    ],
  };
}

export const keysetOrder = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/**
 * Builds the connection from rows fetched with `take: size + 1`; the extra row only tells
 * whether another page exists.
 */
export function toConnection<Node extends KeysetCursor>(
  rows: readonly Node[],
  size: number,
  totalCount: number,
): Connection<Node> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
