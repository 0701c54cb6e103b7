/** What a server forked by service-process.ts tells its parent over IPC. */
export type ServiceMessage =
  | {
      readonly kind: 'ready';
      readonly url: string;
      readonly details: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'failed'; readonly message: string };

export interface ServedFromChild {
  readonly url: string;
  readonly details?: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

function tell(message: ServiceMessage): void {
  process.send?.(message);
}

/**
 * The body of every server module: start, report the URL, and stop when the parent
 * disconnects (at the end of a run, or because it died). A failure to start is reported
 * with its message and ends the process.
 */
export async function serveFromChild(start: () => Promise<ServedFromChild>): Promise<void> {
  let served: ServedFromChild;
  try {
    served = await start();
  } catch (error) {
    tell({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  }

  process.once('disconnect', () => {
    served
      .stop()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  });
  tell({ kind: 'ready', url: served.url, details: served.details ?? {} });
}
