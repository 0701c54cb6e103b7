import type { PGlite } from '@electric-sql/pglite';
import type { Notifications } from './notifications.js';

/** LISTEN inside the embedded database: same process, so the feed cannot drop. */
export function pgliteNotifications(pglite: PGlite): Notifications {
  return {
    async listen(channel, handlers) {
      const unlisten = await pglite.listen(channel, (payload) => handlers.onMessage(payload));
      // Closing after the database itself was closed has nothing left to undo.
      return { close: () => unlisten().catch(() => undefined) };
    },
  };
}
