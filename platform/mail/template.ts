import { MailError } from './mail-error.js';

/** `{{name}}` with optional spaces inside the braces; names are plain identifiers. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type TemplateVariables = Readonly<Record<string, string>>;

export interface FillOptions {
  /** Named in the error when a variable is missing. */
  readonly template: string;
  /** Applied to every inserted value, e.g. HTML escaping; the template text itself is kept. */
  readonly escape?: (value: string) => string;
}

/**
 * Replaces each placeholder with its variable. Values are inserted as text in one pass, so a
 * value that itself looks like a placeholder stays literal; nothing is ever evaluated.
 */
export function fillPlaceholders(
  source: string,
  variables: TemplateVariables,
  options: FillOptions,
): string {
  const escape = options.escape ?? ((value: string) => value);

  return source.replace(PLACEHOLDER, (_placeholder, name: string) => {
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (typeof value !== 'string') {
      throw new MailError(
        'TEMPLATE_VARIABLE_MISSING',
        `The mail template "${options.template}" needs the variable "${name}", which was not given.`,
      );
    }
    return escape(value);
  });
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

/** A header value must stay on one line, or a variable could add headers of its own. */
export function singleLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

export interface TextTemplate {
  readonly subject: string;
  readonly body: string;
}

/** Splits a text template into its `Subject:` first line and the body after a blank line. */
export function parseTextTemplate(source: string, template: string): TextTemplate {
  const [first = '', second, ...rest] = source.replace(/\r\n/g, '\n').split('\n');
  const subject = /^Subject:(.*)$/.exec(first)?.[1]?.trim();

  if (!subject || second === undefined || second.trim() !== '') {
    throw new MailError(
      'TEMPLATE_MALFORMED',
      `The mail template "${template}" must start with a "Subject:" line followed by a blank line.`,
    );
  }
  return { subject, body: rest.join('\n') };
}
