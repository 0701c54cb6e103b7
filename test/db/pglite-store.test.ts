import { describe, expect, it } from 'vitest';
import { acquirePglite } from '../../platform/db/pglite-store.js';

describe('the shared PGlite store', () => {
  it('hands out one instance per location and closes it with the last release', async () => {
    const identity = await acquirePglite('memory://store-shared');
    const organization = await acquirePglite('memory://store-shared');
    expect(organization.pglite).toBe(identity.pglite);

    await identity.release();
    await identity.release();
    expect(organization.pglite.closed).toBe(false);

    await organization.release();
    expect(organization.pglite.closed).toBe(true);
  });

  it('opens a fresh instance once the last reference is gone', async () => {
    const first = await acquirePglite('memory://store-reopen');
    await first.release();

    const second = await acquirePglite('memory://store-reopen');

    expect(second.pglite).not.toBe(first.pglite);
    expect(second.pglite.closed).toBe(false);
    await second.release();
  });

  it('keeps different locations apart', async () => {
    const left = await acquirePglite('memory://store-left');
    const right = await acquirePglite('memory://store-right');

    await left.pglite.exec('CREATE TABLE "only_left" ("id" INTEGER)');
    const { rows } = await right.pglite.query("SELECT to_regclass('only_left') AS found");

    expect(rows).toEqual([{ found: null }]);
    await Promise.all([left.release(), right.release()]);
  });

  it('runs exclusive work one piece at a time, even after a failure', async () => {
    const first = await acquirePglite('memory://store-exclusive');
    const second = await acquirePglite('memory://store-exclusive');
    const order: string[] = [];
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));

    const failing = first.exclusive(async () => {
      order.push('first started');
      await gate;
      order.push('first failed');
      throw new Error('first went wrong');
    });
    const following = second.exclusive(async () => {
      order.push('second ran');
    });
    openGate();

    await expect(failing).rejects.toThrow('first went wrong');
    await following;
    expect(order).toEqual(['first started', 'first failed', 'second ran']);
    await Promise.all([first.release(), second.release()]);
  });
});
