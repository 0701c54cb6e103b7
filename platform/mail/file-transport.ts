import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../logging/logger.js';
import { MailError } from './mail-error.js';
import type { MailTransport, OutgoingMail } from './mail-transport.js';

async function compose(mail: OutgoingMail): Promise<Buffer> {
  // nodemailer's stream transport builds the same MIME message SMTP would carry.
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  const info = await composer.sendMail({ ...mail });
  if (!Buffer.isBuffer(info.message)) {
    throw new TypeError('The stream transport returned a stream although buffer was set.');
  }
  return info.message;
}

/** Timestamp first, so a directory listing is in the order messages were written. */
function fileName(): string {
  return `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
}

/**
 * Writes each message as an .eml file under `<dataDir>/mail` and logs the path: the default
 * without SMTP_URL. The files hold one-time links, so only the owner may read them.
 */
export function createFileTransport(dataDir: string, logger: Logger): MailTransport {
  const directory = path.resolve(dataDir, 'mail');

  return {
    description: `files in ${directory}`,
    async send(mail: OutgoingMail) {
      const file = path.join(directory, fileName());
      try {
        const message = await compose(mail);
        await mkdir(directory, { recursive: true, mode: 0o700 });
        await writeFile(file, message, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MailError('DELIVERY_FAILED', `Could not write the message file: ${reason}`, {
          cause: error,
        });
      }
      logger.info({ file }, 'mail written to a file, not sent');
    },
    close: () => Promise.resolve(),
  };
}
