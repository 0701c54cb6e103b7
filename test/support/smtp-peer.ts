import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * A real SMTP server on a loopback port that keeps what it receives. It can be stopped and
 * started again on the same port, to play a mail server that is down for a while.
 */
export interface SmtpPeer {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Waits until a message for `to` has arrived (or the test times out) and returns it. */
  nextMailTo(to: string, previouslySeen?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer | undefined;

  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // Stopping means "the mail server went down": drop open connections at once.
      closeTimeout: 50,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            received.push({
              to: to?.value[0]?.address ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve());
    });
    port = (listening.server.address() as AddressInfo).port;
  };
  await start();

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async nextMailTo(to, previouslySeen = 0) {
      for (;;) {
        const matching = received.filter((mail) => mail.to === to);
        const next = matching[previouslySeen];
        if (next) return next;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start,
  };
}

/** The token in the first app link of a mail body. */
export function tokenFromMail(mail: ReceivedMail): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`No link with a token in: ${mail.text}`);
  return match[1];
}
