import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { SecretBox, SecretLocation } from '../secrets/secret-box.js';
import { isMailTemplateName, renderMail, type MailTemplateName } from './mail-templates.js';

export type { MailTemplateName } from './mail-templates.js';

/** A message to send: which template, to whom, and the values of its placeholders. */
export interface MailRequest {
  readonly template: MailTemplateName;
  readonly recipient: string;
  readonly variables: Readonly<Record<string, string>>;
}

/** Where a message's variables are sealed; bound into the ciphertext, so rows cannot swap. */
export function payloadLocation(messageId: string): SecretLocation {
  return { table: 'mail_outbox', column: 'payload_sealed', rowId: messageId };
}

function checkRecipient(recipient: string): void {
  // A line break would let the address add SMTP headers; the rest is the mail server's job.
  if (!/^[^\s@]+@[^\s@]+$/.test(recipient)) {
    throw new TypeError('A mail recipient must be a single address of the form name@domain.');
  }
}

/**
 * Inserts a message inside the caller's transaction (a Prisma.TransactionClient or the
 * PrismaClient), so it is stored exactly when the business change is, and returns its id.
 * The template is rendered once here, so a missing variable fails the request that made the
 * mistake rather than the worker later. The variables are sealed, since they hold one-time
 * links.
 */
export async function enqueueMail(
  db: Prisma.TransactionClient | PrismaClient,
  box: SecretBox,
  mail: MailRequest,
): Promise<string> {
  if (!isMailTemplateName(mail.template)) {
    throw new TypeError(`"${String(mail.template)}" is not a mail template.`);
  }
  checkRecipient(mail.recipient);
  await renderMail(mail.template, mail.variables);

  const id = randomUUID();
  const payloadSealed = box.seal(JSON.stringify(mail.variables), payloadLocation(id));

  await db.mailMessage.create({
    data: {
      id,
      template: mail.template,
      recipient: mail.recipient,
      payloadSealed,
      // The worker compares against this process's clock, so the first attempt uses it too.
      nextAttemptAt: new Date(),
    },
  });
  return id;
}
