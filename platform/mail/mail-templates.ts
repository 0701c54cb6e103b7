import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MailError } from './mail-error.js';
import {
  escapeHtml,
  fillPlaceholders,
  parseTextTemplate,
  singleLine,
  type TemplateVariables,
} from './template.js';

/** The messages the product sends; each has `templates/<name>.txt` and may have `<name>.html`. */
export const MAIL_TEMPLATE_NAMES = [
  'verify-email',
  'password-reset',
  'password-changed',
  'invitation',
] as const;

export type MailTemplateName = (typeof MAIL_TEMPLATE_NAMES)[number];

export function isMailTemplateName(value: unknown): value is MailTemplateName {
  return typeof value === 'string' && (MAIL_TEMPLATE_NAMES as readonly string[]).includes(value);
}

export const DEFAULT_TEMPLATES_DIR = path.resolve(import.meta.dirname, 'templates');

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

interface TemplateFiles {
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

// Template files do not change while a process runs; reading them once keeps the worker and
// every enqueue off the disk.
const loaded = new Map<string, Promise<TemplateFiles>>();

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readTemplateFiles(name: string, directory: string): Promise<TemplateFiles> {
  const [text, html] = await Promise.all([
    readIfPresent(path.join(directory, `${name}.txt`)),
    readIfPresent(path.join(directory, `${name}.html`)),
  ]);
  if (text === undefined) {
    throw new MailError('TEMPLATE_UNKNOWN', `There is no mail template named "${name}".`);
  }

  const { subject, body } = parseTextTemplate(text, name);
  return html === undefined ? { subject, text: body } : { subject, text: body, html };
}

function templateFiles(name: string, directory: string): Promise<TemplateFiles> {
  // The name becomes part of a file path, so it must not be able to leave the directory.
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    return Promise.reject(
      new MailError('TEMPLATE_UNKNOWN', `"${name}" is not a valid mail template name.`),
    );
  }

  const key = path.join(directory, name);
  let files = loaded.get(key);
  if (!files) {
    files = readTemplateFiles(name, directory);
    files.catch(() => loaded.delete(key));
    loaded.set(key, files);
  }
  return files;
}

/**
 * Renders a template with its variables. Throws a `MailError` when the template does not
 * exist or a placeholder has no variable; values are HTML-escaped in the HTML variant and
 * kept on one line in the subject.
 */
export async function renderMail(
  name: string,
  variables: TemplateVariables,
  directory: string = DEFAULT_TEMPLATES_DIR,
): Promise<RenderedMail> {
  const files = await templateFiles(name, directory);
  const fill = (source: string, escape?: (value: string) => string) =>
    fillPlaceholders(source, variables, { template: name, escape });

  const subject = fill(files.subject, singleLine);
  const text = fill(files.text);
  if (files.html === undefined) return { subject, text };
  return { subject, text, html: fill(files.html, escapeHtml) };
}
