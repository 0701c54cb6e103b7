/**
 * Every way sending mail fails. Only DELIVERY_FAILED is worth retrying: the others say the
 * message itself cannot be sent, and would fail the same way every time. These are for
 * operators and logs (and `last_error` in the outbox), never shown to a GraphQL client; none
 * of them carries a template variable.
 */
export const MAIL_ERROR_CODES = {
  TEMPLATE_UNKNOWN: 'No template file exists for the named template.',
  TEMPLATE_MALFORMED: 'A template file does not start with a `Subject:` line and a blank line.',
  TEMPLATE_VARIABLE_MISSING: 'A placeholder in the template has no value among the variables.',
  PAYLOAD_UNREADABLE: 'The sealed variables of a stored message no longer open or parse.',
  TRANSPORT_CONFIG_INVALID: 'SMTP_URL is not an smtp:// or smtps:// URL.',
  DELIVERY_FAILED: 'The mail server or the mail directory did not take the message; retried.',
  DELIVERY_REJECTED:
    'The mail server refused the recipient or the message for good (SMTP 5xx); not retried.',
} as const;

export type MailErrorCode = keyof typeof MAIL_ERROR_CODES;

export class MailError extends Error {
  override readonly name = 'MailError';
  readonly code: MailErrorCode;

  constructor(code: MailErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}
