import type { PrismaClient } from '../../generated/prisma/client.js';

/** Calls made through a wrapped Prisma client, keyed `model.method` (`membership.findMany`). */
export type QueryCounts = Map<string, number>;

/**
 * Wraps a Prisma client so that every call of a model delegate's method is counted, to prove
 * how many queries a request costs. Calls through `$`-methods (transactions, raw SQL) pass
 * through uncounted.
 */
export function countingQueries(db: PrismaClient, counts: QueryCounts): PrismaClient {
  const delegates = new Map<PropertyKey, unknown>();
  const countDelegate = (model: string, delegate: object) =>
    new Proxy(delegate, {
      get(target, method, receiver) {
        const value = Reflect.get(target, method, receiver) as unknown;
        if (typeof value !== 'function' || typeof method !== 'string') return value;
        return (...args: unknown[]) => {
          const key = `${model}.${method}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });

  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      const isModel =
        typeof property === 'string' &&
        !property.startsWith('$') &&
        typeof value === 'object' &&
        value !== null;
      if (!isModel) return value;
      let wrapped = delegates.get(property);
      if (!wrapped) {
        wrapped = countDelegate(property, value);
        delegates.set(property, wrapped);
      }
      return wrapped;
    },
  });
}

/** Calls made through one model's delegate, whatever the method. */
export function queriesOf(counts: QueryCounts, model: string): number {
  let total = 0;
  for (const [key, count] of counts) if (key.startsWith(`${model}.`)) total += count;
  return total;
}

/** The sum of the counts, the number of queries made. */
export function totalQueries(counts: QueryCounts): number {
  return [...counts.values()].reduce((sum, count) => sum + count, 0);
}
