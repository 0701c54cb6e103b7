import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mailBackoff } from '../../platform/mail/backoff.js';
import {
  DEFAULT_TEMPLATES_DIR,
  MAIL_TEMPLATE_NAMES,
  renderMail,
} from '../../platform/mail/mail-templates.js';

const directories: string[] = [];

/** A templates folder of its own, holding the given files. */
async function templatesWith(files: Readonly<Record<string, string>>): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'mail-templates-'));
  directories.push(directory);
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(directory, name), content);
  }
  return directory;
}

afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

describe('mail templates', () => {
  it('renders verify-email exactly', async () => {
    const rendered = await renderMail('verify-email', {
      displayName: 'Ada Lovelace',
      link: 'https://app.example/verify-email?token=abc',
      expiresInHours: '24',
    });

    expect(rendered).toEqual({
      subject: 'Confirm your email address',
      text: [
        'Hello Ada Lovelace,',
        '',
        'please confirm that this is your email address by opening the link below:',
        '',
        'https://app.example/verify-email?token=abc',
        '',
        'The link works once and expires in 24 hours. If you did not create an',
        'account, you can ignore this message; nothing happens until the address is confirmed.',
        '',
      ].join('\n'),
    });
  });

  it.each([
    ['verify-email', { displayName: 'Ada', link: 'https://l.example/v', expiresInHours: '24' }],
    ['password-reset', { displayName: 'Ada', link: 'https://l.example/r', expiresInMinutes: '30' }],
    ['password-changed', { displayName: 'Ada' }],
    [
      'invitation',
      {
        organizationName: 'Engines',
        inviterName: 'Charles',
        link: 'https://l.example/i',
        expiresInDays: '7',
      },
    ],
  ])('renders %s with exactly its documented variables', async (name, variables) => {
    const rendered = await renderMail(name, variables);

    expect(rendered.subject).not.toContain('{{');
    expect(rendered.text).not.toContain('{{');
    for (const value of Object.values(variables)) {
      expect(`${rendered.subject}\n${rendered.text}`).toContain(value);
    }
    for (const missing of Object.keys(variables)) {
      const rest = Object.fromEntries(
        Object.entries(variables).filter(([name]) => name !== missing),
      );
      await expect(renderMail(name, rest)).rejects.toMatchObject({
        code: 'TEMPLATE_VARIABLE_MISSING',
      });
    }
  });

  it('has exactly one text file per template name', async () => {
    const files = await readdir(DEFAULT_TEMPLATES_DIR);

    expect(files.toSorted()).toEqual(MAIL_TEMPLATE_NAMES.map((name) => `${name}.txt`).toSorted());
  });

  it('refuses a missing variable with the template and variable named', async () => {
    await expect(renderMail('password-changed', {})).rejects.toMatchObject({
      name: 'MailError',
      code: 'TEMPLATE_VARIABLE_MISSING',
      message:
        'The mail template "password-changed" needs the variable "displayName", which was not given.',
    });
  });

  it('inserts values literally and never evaluates them', async () => {
    const directory = await templatesWith({ 'note.txt': 'Subject: Hi {{a}}\n\n{{ a }} / {{b}}\n' });

    const rendered = await renderMail(
      'note',
      { a: '{{b}} $& ${process.exit()}', b: '$1' },
      directory,
    );

    expect(rendered).toEqual({
      subject: 'Hi {{b}} $& ${process.exit()}',
      text: '{{b}} $& ${process.exit()} / $1\n',
    });
  });

  it('keeps the subject on one line whatever a variable holds', async () => {
    const rendered = await renderMail('invitation', {
      organizationName: 'Engines\r\nBcc: eve@example.com',
      inviterName: 'Charles',
      link: 'https://l.example/i',
      expiresInDays: '7',
    });

    expect(rendered.subject).toBe('Charles invited you to Engines Bcc: eve@example.com');
  });

  it('renders an HTML variant with the values escaped', async () => {
    const directory = await templatesWith({
      'note.txt': 'Subject: For {{name}}\n\nHello {{name}}\n',
      'note.html': '<p>Hello {{name}}, <a href="{{link}}">continue</a></p>\n',
    });

    const rendered = await renderMail(
      'note',
      { name: '<b>Ada</b> & "co"', link: 'https://l.example/?a=1&b=2' },
      directory,
    );

    expect(rendered).toEqual({
      subject: 'For <b>Ada</b> & "co"',
      text: 'Hello <b>Ada</b> & "co"\n',
      html:
        '<p>Hello &lt;b&gt;Ada&lt;/b&gt; &amp; &quot;co&quot;, ' +
        '<a href="https://l.example/?a=1&amp;b=2">continue</a></p>\n',
    });
  });

  it('refuses a template without a Subject line and blank line', async () => {
    const directory = await templatesWith({ 'note.txt': 'Hello {{name}}\n' });

    await expect(renderMail('note', { name: 'Ada' }, directory)).rejects.toMatchObject({
      code: 'TEMPLATE_MALFORMED',
      message:
        'The mail template "note" must start with a "Subject:" line followed by a blank line.',
    });
  });

  it('refuses unknown names and names that would leave the folder', async () => {
    await expect(renderMail('welcome', {})).rejects.toMatchObject({
      code: 'TEMPLATE_UNKNOWN',
      message: 'There is no mail template named "welcome".',
    });
    await expect(renderMail('../../package', {})).rejects.toMatchObject({
      code: 'TEMPLATE_UNKNOWN',
      message: '"../../package" is not a valid mail template name.',
    });
  });
});

describe('mail backoff', () => {
  const none = () => 0;
  const all = () => 1;

  it('doubles from 5 s, takes up to half off at random, and stops growing at one hour', () => {
    expect([1, 2, 3, 4].map((attempt) => mailBackoff(attempt, { random: all }))).toEqual([
      5_000, 10_000, 20_000, 40_000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => mailBackoff(attempt, { random: none }))).toEqual([
      2_500, 5_000, 10_000, 20_000,
    ]);
    expect(mailBackoff(10, { random: all })).toBe(2_560_000);
    expect(mailBackoff(11, { random: all })).toBe(3_600_000);
    expect(mailBackoff(500, { random: none })).toBe(1_800_000);
  });

  it('takes the base and the cap from its options, keeping the jitter', () => {
    const options = { baseMs: 200, maxMs: 1_000 };
    expect(mailBackoff(1, { ...options, random: all })).toBe(200);
    expect(mailBackoff(1, { ...options, random: none })).toBe(100);
    expect(mailBackoff(9, { ...options, random: all })).toBe(1_000);
    expect(mailBackoff(9, { ...options, random: () => 0.5 })).toBe(750);
  });
});
