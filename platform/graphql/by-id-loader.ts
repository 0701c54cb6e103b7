import DataLoader from 'dataloader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are UUIDs; anything else cannot name a record and never reaches the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A per-request loader of records by id: every `load` in one tick becomes a single query,
 * which is what keeps entity resolution free of N+1 queries.
 */
export function createByIdLoader<Row extends { readonly id: string }>(
  fetch: (ids: string[]) => Promise<Row[]>,
): DataLoader<string, Row | null> {
  return new DataLoader(async (ids: readonly string[]) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await fetch(valid) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
