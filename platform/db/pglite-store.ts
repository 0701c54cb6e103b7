import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

/** A reference to a PGlite instance that other services in this process may share. */
export interface SharedPglite {
  readonly pglite: PGlite;
  /**
   * Runs `work` after any earlier exclusive work on the same instance has finished. PGlite is a
   * single session, so an advisory lock cannot keep two services of one process apart.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Drops this reference; the last one closes the instance. Calling it twice is harmless. */
  release(): Promise<void>;
}

interface Entry {
  readonly ready: Promise<PGlite>;
  references: number;
  queue: Promise<unknown>;
}

// PGlite must not open one directory twice, and services started in one process each open the
// database: so one instance per location, counted.
const entries = new Map<string, Entry>();
const closing = new Map<string, Promise<void>>();

export function isMemoryLocation(location: string): boolean {
  return location.startsWith('memory://');
}

async function openPglite(location: string): Promise<PGlite> {
  // The previous instance of this location must have written everything out first.
  await closing.get(location);
  if (!isMemoryLocation(location)) await mkdir(location, { recursive: true });
  return PGlite.create(location);
}

function closeInstance(location: string, pglite: PGlite): Promise<void> {
  const done = pglite.close().finally(() => {
    if (closing.get(location) === done) closing.delete(location);
  });
  closing.set(location, done);
  return done;
}

function referenceTo(location: string, entry: Entry, pglite: PGlite): SharedPglite {
  let released = false;

  return {
    pglite,
    exclusive(work) {
      const result = entry.queue.then(work);
      entry.queue = result.catch(() => undefined);
      return result;
    },
    async release() {
      if (released) return;
      released = true;
      entry.references -= 1;
      if (entry.references > 0) return;

      entries.delete(location);
      await closeInstance(location, pglite);
    },
  };
}

/**
 * The PGlite instance for `location` (an absolute directory, or a `memory://` name), opened on
 * first use and shared by every caller in this process until the last one releases it.
 */
export async function acquirePglite(location: string): Promise<SharedPglite> {
  let entry = entries.get(location);
  if (!entry) {
    entry = { ready: openPglite(location), references: 0, queue: Promise.resolve() };
    entries.set(location, entry);
  }
  entry.references += 1;

  try {
    return referenceTo(location, entry, await entry.ready);
  } catch (error) {
    // A failed open must not be handed to the next caller, who should get a fresh attempt.
    entry.references -= 1;
    if (entries.get(location) === entry) entries.delete(location);
    throw error;
  }
}
