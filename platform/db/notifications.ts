/** Handlers for one LISTEN channel. */
export interface NotificationHandlers {
  onMessage(payload: string): void;
  /** The connection carrying notifications dropped; messages may be missed until reconnected. */
  onConnectionLost?(): void;
  /** Listening again after a loss; anything sent meanwhile was missed. */
  onReconnected?(): void;
}

export interface NotificationSubscription {
  close(): Promise<void>;
}

/** PostgreSQL LISTEN/NOTIFY, over a dedicated connection or the embedded database. */
export interface Notifications {
  listen(channel: string, handlers: NotificationHandlers): Promise<NotificationSubscription>;
}
