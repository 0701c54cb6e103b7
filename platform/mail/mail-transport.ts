import type { Logger } from '../logging/logger.js';
import { createFileTransport } from './file-transport.js';
import { createSmtpTransport } from './smtp-transport.js';

/** One rendered message, ready for the wire. */
export interface OutgoingMail {
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** Where messages go: an SMTP server, or files for a machine without one. */
export interface MailTransport {
  /** Where the transport delivers, without credentials: safe to log. */
  readonly description: string;
  /**
   * Resolves once the message was accepted. Throws a `MailError`: DELIVERY_REJECTED when the
   * server refused it for good, DELIVERY_FAILED when trying again may help.
   */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export interface MailTransportOptions {
  /** smtp:// or smtps:// with optional credentials; without it messages become files. */
  readonly smtpUrl?: string;
  /** Files are written under `<dataDir>/mail`. */
  readonly dataDir: string;
  readonly logger: Logger;
}

/**
 * The transport for SMTP_URL: a pooled SMTP client when it is set, otherwise one .eml file per
 * message under `<dataDir>/mail`, so a new installation can follow its links without a server.
 */
export function createMailTransport(options: MailTransportOptions): MailTransport {
  const transport = options.smtpUrl
    ? createSmtpTransport(options.smtpUrl)
    : createFileTransport(options.dataDir, options.logger);

  options.logger.info({ transport: transport.description }, 'mail transport ready');
  return transport;
}
