import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailTransport } from '../../platform/mail/mail-transport.js';
import { captureLogs, type CapturedLogs } from '../support/log-capture.js';
import { startSmtpPeer } from './smtp-peer.js';

const message = {
  to: 'ada@example.com',
  from: 'no-reply@app.example',
  subject: 'Confirm your email address',
  text: 'Open https://app.example/verify-email?token=t0k3n to confirm.\n',
};

describe('mail transport', () => {
  let dataDir: string;
  let logs: CapturedLogs;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mail-transport-'));
    logs = captureLogs();
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes one .eml per message under <dataDir>/mail without SMTP_URL, and logs where', async () => {
    const transport = createMailTransport({ dataDir, logger: logs.logger('mail') });

    await transport.send(message);

    const directory = path.join(dataDir, 'mail');
    expect(transport.description).toBe(`files in ${directory}`);
    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    const [name = ''] = files;
    expect(name).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f-]{36}\.eml$/);

    const file = path.join(directory, name);
    const parsed = await simpleParser(await readFile(file));
    expect(parsed.subject).toBe('Confirm your email address');
    expect(parsed.text).toContain('https://app.example/verify-email?token=t0k3n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logs.records('mail written to a file, not sent')).toMatchObject([{ file }]);
    expect(logs.lines.join('\n')).not.toContain('t0k3n');
  });

  it('sends through SMTP and describes the server without credentials', async () => {
    const peer = await startSmtpPeer();
    const transport = createMailTransport({
      smtpUrl: `smtp://127.0.0.1:${peer.port}`,
      dataDir,
      logger: logs.logger('mail'),
    });
    try {
      await transport.send({ ...message, html: '<p>Open the link</p>' });

      expect(transport.description).toBe(`smtp://127.0.0.1:${peer.port}`);
      const [received] = peer.received;
      expect(received?.rcptTo).toEqual(['ada@example.com']);
      expect(received?.mail.html).toBe('<p>Open the link</p>');
    } finally {
      await transport.close();
      await peer.close();
    }
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps:// without repeating it', () => {
    const attempt = (smtpUrl: string) => () =>
      createMailTransport({ smtpUrl, dataDir, logger: logs.logger('mail') });

    expect(attempt('http://user:hunter2@mail.example')).toThrow(
      expect.objectContaining({
        code: 'TRANSPORT_CONFIG_INVALID',
        message:
          'SMTP_URL must be smtp://host[:port] or smtps://host[:port], with optional credentials.',
      }),
    );
    expect(attempt('hunter2 is not a url')).toThrow(
      expect.objectContaining({ message: 'SMTP_URL is not a valid URL.' }),
    );
  });
});
