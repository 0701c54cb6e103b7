import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the peer received: the parsed message and the envelope recipients. */
export interface ReceivedMail {
  readonly rcptTo: readonly string[];
  readonly mail: ParsedMail;
}

/** A real SMTP server on a loopback port, keeping every message it accepts. */
export interface SmtpPeer {
  readonly port: number;
  readonly url: string;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpPeerOptions {
  /** A fixed port, e.g. one a transport already points at; a free one otherwise. */
  readonly port?: number;
  /** Accept AUTH over plain text and refuse every login, to see what a failure says. */
  readonly refuseLogins?: boolean;
  /** The SMTP reply to RCPT TO for an address, when it is to be refused. */
  readonly refuseRecipient?: (address: string) => SmtpRefusal | undefined;
}

/** A negative SMTP reply: 5xx refuses for good, 4xx asks to try again later. */
export interface SmtpRefusal {
  readonly code: number;
  readonly message: string;
}

export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: !options.refuseLogins,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuseRecipient?.(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onAuth(_auth, _session, callback) {
      callback(new Error('Authentication refused by the test peer'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ rcptTo: session.envelope.rcptTo.map((to) => to.address), mail });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new TypeError('No TCP address.');

  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on: a mail server that is down. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new TypeError('No TCP address.');
  return address.port;
}
