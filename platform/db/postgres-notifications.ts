import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import type { NotificationHandlers, Notifications } from './notifications.js';

const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

/** Channel names are interpolated into LISTEN, which takes no bind parameters. */
function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new TypeError(`Unsafe notification channel name: ${channel}`);
  }
}

/**
 * LISTEN on one dedicated connection (a pooled one would be handed to other queries). When it
 * drops, every listener hears so, and the connection is re-established with growing pauses
 * until the server is back.
 */
export function postgresNotifications(databaseUrl: string, logger: Logger) {
  const listeners = new Map<string, Set<NotificationHandlers>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let attempt = 0;

  const everyHandler = () => [...listeners.values()].flatMap((set) => [...set]);

  const scheduleReconnect = () => {
    if (closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 30_000;
    attempt += 1;
    setTimeout(() => {
      connect()
        .then(() => {
          for (const handler of everyHandler()) handler.onReconnected?.();
        })
        .catch(() => scheduleReconnect());
    }, delay).unref();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      for (const handler of listeners.get(message.channel) ?? []) {
        handler.onMessage(message.payload ?? '');
      }
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || closed) return;
      lost = true;
      logger.warn({ err: error }, 'notification connection lost');
      for (const handler of everyHandler()) handler.onConnectionLost?.();
      next.end().catch(() => undefined);
      scheduleReconnect();
    };
    next.on('error', onLost);
    next.on('end', () => onLost());

    await next.connect();
    for (const channel of listeners.keys()) await next.query(`LISTEN ${channel}`);
    client = next;
    attempt = 0;
  };

  const notifications: Notifications & { close(): Promise<void> } = {
    async listen(channel, handlers) {
      assertChannelName(channel);
      const set = listeners.get(channel) ?? new Set();
      const isNewChannel = set.size === 0;
      set.add(handlers);
      listeners.set(channel, set);

      if (!client) {
        connecting ??= connect();
        await connecting;
      } else if (isNewChannel) {
        await client.query(`LISTEN ${channel}`);
      }

      return {
        close: async () => {
          set.delete(handlers);
          if (set.size === 0) {
            listeners.delete(channel);
            await client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
          }
        },
      };
    },
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
  return notifications;
}
