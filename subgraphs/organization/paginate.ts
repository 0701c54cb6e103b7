import {
  afterCursorFilter,
  keysetOrder,
  pageRequest,
  toConnection,
  type Connection,
  type ConnectionArgs,
  type KeysetCursor,
} from '../../platform/graphql/connection.js';

/** The two calls of a Prisma model delegate that a connection needs. */
export interface PageSource<Row, Where> {
  findMany(args: { where: Where; orderBy: typeof keysetOrder; take: number }): Promise<Row[]>;
  count(args: { where: Where }): Promise<number>;
}

/** One page of rows in creation order, with `totalCount` for the whole filtered set. */
export async function paginate<Row extends KeysetCursor, Where extends object>(
  source: PageSource<Row, Where>,
  where: Where,
  args: ConnectionArgs,
): Promise<Connection<Row>> {
  const page = pageRequest(args);
  const [rows, totalCount] = await Promise.all([
    source.findMany({
      where: { ...where, ...afterCursorFilter(page.after) } as Where,
      orderBy: keysetOrder,
      take: page.size + 1,
    }),
    source.count({ where }),
  ]);
  return toConnection(rows, page.size, totalCount);
}
