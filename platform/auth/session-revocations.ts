import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../logging/logger.js';
import type { NotificationSubscription, Notifications } from '../db/notifications.js';

/** The channel on which identity announces a revoked session id (sent in its transaction). */
export const SESSION_REVOKED_CHANNEL = 'session_revoked';

export interface SessionRevocationsOptions {
  readonly db: PrismaClient;
  readonly notifications: Notifications;
  readonly logger: Logger;
  /** How long an access token can live, plus clock tolerance: older revocations are moot. */
  readonly horizonSeconds: number;
  readonly now?: () => number;
}

/**
 * Which sessions have ended, known to every service without a query per request. The set is
 * loaded once and kept current by NOTIFY from identity. While the notification connection
 * is down the set may be stale, so each check then asks the database instead: slower, never
 * wrong.
 */
export class SessionRevocations {
  private readonly revoked = new Map<string, number>();
  private readonly awaitingEcho = new Map<string, () => void>();
  /** Ids that arrived through the feed itself, as opposed to remembered locally. */
  private readonly echoed = new Set<string>();
  private subscription: NotificationSubscription | undefined;
  private trusted = false;
  private pruneTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SessionRevocationsOptions) {
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    // Listen before loading, so a revocation committed in between is not missed.
    this.subscription = await this.options.notifications.listen(SESSION_REVOKED_CHANNEL, {
      onMessage: (sessionId) => {
        this.remember(sessionId, this.now());
        this.echoed.add(sessionId);
        this.awaitingEcho.get(sessionId)?.();
      },
      onConnectionLost: () => {
        this.trusted = false;
        this.options.logger.warn('revocation feed lost; checking sessions in the database');
      },
      onReconnected: () => {
        this.reload()
          .then(() => this.options.logger.info('revocation feed restored'))
          .catch((error: unknown) => this.options.logger.error({ err: error }, 'reload failed'));
      },
    });
    await this.reload();
    this.pruneTimer = setInterval(() => this.prune(), 60_000);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.subscription?.close();
  }

  /** Records a revocation made by this process at once, before its NOTIFY comes back. */
  remember(sessionId: string, revokedAt: number): void {
    this.revoked.set(sessionId, revokedAt);
  }

  /**
   * Waits (briefly) until this process's own feed has delivered the NOTIFY for each id.
   * PostgreSQL hands a notification to every listening session at commit, so once ours has
   * arrived the other instances have theirs in flight too; answering a sign-out only then
   * keeps the client's next request, on any instance, from racing the announcement.
   */
  async heard(sessionIds: readonly string[], timeoutMs = 1_000): Promise<void> {
    if (!this.trusted) return;
    const pending = sessionIds
      .filter((sessionId) => !this.echoed.has(sessionId))
      .map(
        (sessionId) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            timer.unref();
            this.awaitingEcho.set(sessionId, () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      );
    await Promise.all(pending);
    for (const sessionId of sessionIds) {
      this.awaitingEcho.delete(sessionId);
      this.echoed.delete(sessionId);
    }
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.revoked.has(sessionId)) return true;
    if (this.trusted) return false;

    const row = await this.options.db.revokedSession.findUnique({ where: { sessionId } });
    if (row) this.remember(sessionId, row.revokedAt.getTime());
    return row !== null;
  }

  private async reload(): Promise<void> {
    const since = new Date(this.now() - this.options.horizonSeconds * 1000);
    const rows = await this.options.db.revokedSession.findMany({
      where: { revokedAt: { gte: since } },
    });
    for (const row of rows) this.remember(row.sessionId, row.revokedAt.getTime());
    this.trusted = true;
  }

  private prune(): void {
    const cutoff = this.now() - this.options.horizonSeconds * 1000;
    for (const [sessionId, revokedAt] of this.revoked) {
      if (revokedAt < cutoff) {
        this.revoked.delete(sessionId);
        this.echoed.delete(sessionId);
      }
    }
  }
}
