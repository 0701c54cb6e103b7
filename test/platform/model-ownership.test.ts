import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Which subgraph owns each Prisma model, and which others may touch it and how. README.md's
 * "Data ownership" table says the same in prose; the tests below hold both to the code.
 */
type Subgraph = 'identity' | 'organization' | 'function';
type Access = 'read' | 'write';

interface Ownership {
  /** `platform` means shared code under platform/ writes it; no subgraph folder may. */
  readonly owner: Subgraph | 'platform';
  /** A hand-off table: another subgraph's access, and why it is allowed. */
  readonly sharedWith?: Partial<Record<Subgraph, Access>>;
}

const OWNERSHIP: Readonly<Record<string, Ownership>> = {
  User: { owner: 'identity' },
  Session: { owner: 'identity' },
  RefreshToken: { owner: 'identity' },
  OneTimeToken: { owner: 'identity' },
  // Read by every service's token check, which lives in platform/auth, not in a subgraph.
  RevokedSession: { owner: 'identity' },
  // Written through platform/mail by whichever service causes a mail; identity runs the mail
  // worker, which delivers the messages and deletes them once their retention ends.
  MailMessage: { owner: 'platform', sharedWith: { identity: 'write' } },
  // Written through platform/events with each verification identity records; organization
  // marks the events it has handled and deletes old ones.
  EmailVerifiedEvent: { owner: 'platform', sharedWith: { organization: 'write' } },
  Organization: { owner: 'organization' },
  Membership: { owner: 'organization' },
  Invite: { owner: 'organization' },
  JoinRequest: { owner: 'organization' },
  Domain: { owner: 'organization' },
  OAuthConfig: { owner: 'organization' },
  AuditEvent: { owner: 'organization' },
  IdempotencyKey: { owner: 'organization' },
  // Organization proves an invited address; identity reads the proof when that person signs
  // up from the link, so the address counts as verified without a second mail.
  EmailProof: { owner: 'organization', sharedWith: { identity: 'read' } },
  Solution: { owner: 'function' },
};

const ROOT = path.resolve(import.meta.dirname, '../..');
const SUBGRAPHS: readonly Subgraph[] = ['identity', 'organization', 'function'];

const READS = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
];
const WRITES = [
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
];

interface Model {
  readonly name: string;
  readonly delegate: string;
  readonly table: string;
}

/** The models of prisma/schema.prisma with their client delegate and table names. */
function schemaModels(): Model[] {
  const schema = readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name = '', body = '']) => ({
    name,
    delegate: name.charAt(0).toLowerCase() + name.slice(1),
    table: /@@map\("(\w+)"\)/.exec(body)?.[1] ?? name,
  }));
}

interface Touch {
  readonly model: string;
  readonly access: Access;
  readonly where: string;
}

/**
 * Model accesses in one source text: `<client>.<delegate>.<method>(`, however the chain is
 * wrapped, and raw SQL naming a table after FROM, JOIN, UPDATE or INTO.
 */
function touchesIn(text: string, file: string, models: readonly Model[]): Touch[] {
  const touches: Touch[] = [];
  const methods = [...READS, ...WRITES].join('|');
  for (const model of models) {
    const call = new RegExp(`\\.\\s*${model.delegate}\\s*\\.\\s*(${methods})\\s*\\(`, 'g');
    for (const match of text.matchAll(call)) {
      const access = READS.includes(match[1] ?? '') ? 'read' : 'write';
      touches.push({ model: model.name, access, where: `${file}: ${match[0]}` });
    }
    const sql = new RegExp(`\\b(FROM|JOIN|UPDATE|INTO)\\s+"?${model.table}"?\\b`, 'g');
    for (const match of text.matchAll(sql)) {
      const access = match[1] === 'FROM' || match[1] === 'JOIN' ? 'read' : 'write';
      touches.push({ model: model.name, access, where: `${file}: ${match[0]}` });
    }
  }
  return touches;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'generated' ? [] : sourceFiles(full);
    return entry.endsWith('.ts') ? [full] : [];
  });
}

/** What `subgraph` may do to `model`, by the map. */
function allowed(subgraph: Subgraph, model: string): Access | 'none' {
  const ownership = OWNERSHIP[model];
  if (!ownership) return 'none';
  if (ownership.owner === subgraph) return 'write';
  return ownership.sharedWith?.[subgraph] ?? 'none';
}

function violations(subgraph: Subgraph, touches: readonly Touch[]): string[] {
  return touches
    .filter((touch) => {
      const may = allowed(subgraph, touch.model);
      return may === 'none' || (may === 'read' && touch.access === 'write');
    })
    .map((touch) => `${subgraph} ${touch.access}s ${touch.model} (${touch.where})`);
}

const models = schemaModels();

describe('data ownership', () => {
  it('names an owner for every model in prisma/schema.prisma, and no other', () => {
    expect(models.length).toBeGreaterThan(10);
    expect(Object.keys(OWNERSHIP).sort()).toEqual(models.map((model) => model.name).sort());
  });

  it.each(SUBGRAPHS)('keeps %s to its own models and the hand-offs it is allowed', (name) => {
    const dir = path.join(ROOT, 'subgraphs', name);
    const touches = sourceFiles(dir).flatMap((file) =>
      touchesIn(readFileSync(file, 'utf8'), path.relative(ROOT, file), models),
    );
    expect(touches.length).toBeGreaterThan(0);
    expect(violations(name, touches)).toEqual([]);
  });

  it('notices an access to a model the subgraph does not own', () => {
    const foreign = [
      'await tx.user.findUnique({ where: { id } });',
      'await db.membership\n    .deleteMany({ where: { userId } });',
      'await tx.emailProof.deleteMany({ where: { email } });',
      'await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${id}`;',
    ].join('\n');
    const touches = touchesIn(foreign, 'example.ts', models);
    expect(violations('identity', touches).map((line) => line.split(' (')[0])).toEqual([
      'identity reads Organization',
      'identity writes Membership',
      'identity writes EmailProof',
    ]);
    expect(violations('function', touches)).toHaveLength(4);
  });

  it('is what README.md says under "Data ownership"', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('### Data ownership')[1]?.split('\n## ')[0] ?? '';
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));

    for (const [model, ownership] of Object.entries(OWNERSHIP)) {
      const row = rows.find((line) => line.includes(`\`${model}\``));
      expect(row, `${model} has a row`).toBeDefined();
      const owner = row?.split('|')[2] ?? '';
      expect(owner, model).toContain(ownership.owner);
      for (const other of Object.keys(ownership.sharedWith ?? {}))
        expect(owner, model).toContain(other);
    }
  });
});
