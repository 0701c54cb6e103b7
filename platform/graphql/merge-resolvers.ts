type ResolverMap = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Combines the resolver maps of a subgraph's areas (members, invites, domains, …) into one,
 * type by type. Scalars pass through whole. Two areas defining the same field, or the same
 * scalar, is a wiring mistake and throws.
 */
export function mergeResolverMaps<Map extends object>(...maps: readonly Map[]): Map {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [typeName, entry] of Object.entries(map as ResolverMap)) {
      const existing = merged[typeName];
      if (existing === undefined) {
        merged[typeName] = isPlainObject(entry) ? { ...entry } : entry;
        continue;
      }
      if (!isPlainObject(entry) || !isPlainObject(existing)) {
        throw new TypeError(`${typeName} is defined twice`);
      }
      for (const [field, resolver] of Object.entries(entry)) {
        if (field in existing) throw new TypeError(`${typeName}.${field} is resolved twice`);
        existing[field] = resolver;
      }
    }
  }
  return merged as Map;
}
