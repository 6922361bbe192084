/**
 * Watched segments on several Strapi nodes sharing one database (docs/watching.md, "Several nodes"): this file's Strapi and
 * a second one in a child process (tests/support/watch-node.ts) on the same database.
 * - While one node refreshes a segment (stopped midway, inside its transaction), the other cannot:
 *   it skips, or waits and then finds nothing left to do. Refreshing together never duplicates a change.
 * - A node killed (SIGKILL) in the middle of a refresh leaves the membership and the feed as they
 *   were; the next refresh produces each change once.
 * Every feed is compared with the set difference this file computes itself.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { setupStrapi, teardownStrapi, REPO_ROOT, type TestStrapi } from './helpers/strapi';
import { CONTACT } from './support/uids';

let t: TestStrapi;

interface Node {
  child: ChildProcessWithoutNullStreams;
  send(command: Record<string, unknown>): void;
  /** The next message with this key. */
  next(key: string): Promise<any>;
}

function startNode(): Promise<Node> {
  const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'support', 'watch-node.ts')], {
    cwd: REPO_ROOT,
    env: process.env,
  });
  const messages: any[] = [];
  const waiting: (() => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('@@ ')) return;
    messages.push(JSON.parse(line.slice(3)));
    waiting.splice(0).forEach((wake) => wake());
  });
  const node: Node = {
    child,
    send: (command) => child.stdin.write(`${JSON.stringify(command)}\n`),
    async next(key) {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const i = messages.findIndex((m) => key in m || 'error' in m);
        if (i >= 0) {
          const [message] = messages.splice(i, 1);
          if (!(key in message)) throw new Error(`the second node answered an error: ${message.error}`);
          return message[key];
        }
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`the second node did not answer "${key}": ${stderr.slice(-2000)}`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
  return node.next('ready').then(() => node);
}

const docs = () => (t.strapi.documents as any)(CONTACT);
const service = () => t.strapi.plugin('segments').service('segments');
const HOT = { combinator: 'and', rules: [{ field: 'leadScore', operator: '>=', value: 50 }] };

let segment: { documentId: string; id: number };
let cursor: string | null = null;
let expected = new Set<string>();

async function hotNow(): Promise<Set<string>> {
  const contacts = (await t.strapi.db.query(CONTACT as any).findMany({ select: ['documentId', 'leadScore'] })) as any[];
  return new Set(contacts.filter((c) => c.leadScore != null && c.leadScore >= 50).map((c) => c.documentId));
}

/** Every change after the last checked cursor must be the set difference since, each contact once. */
async function expectFeedIsTheDifference() {
  const now = await hotNow();
  const { data, meta } = await service().changes(segment.documentId, { after: cursor, limit: 10_000 });
  const ids = (kind: string) =>
    data
      .filter((c: any) => c.kind === kind)
      .map((c: any) => c.contact.documentId)
      .sort();
  expect(ids('entered')).toEqual([...now].filter((d) => !expected.has(d)).sort());
  expect(ids('left')).toEqual([...expected].filter((d) => !now.has(d)).sort());
  cursor = meta.next;
  expected = now;
  return data.length;
}

async function storedMembers(): Promise<string[]> {
  const rows = await t.strapi.db.connection('segments_watch_members').where({ segment_id: segment.id }).select('document_id');
  return rows.map((r: any) => r.document_id).sort();
}

/** Some contacts enter, some leave. */
async function churn(round: number) {
  const contacts = await docs().findMany({ sort: 'id:asc' });
  for (const [i, c] of contacts.entries()) {
    if (i % 5 === round % 5) await docs().update({ documentId: c.documentId, data: { leadScore: c.leadScore >= 50 ? 10 : 90 } });
  }
  await docs().create({ data: { firstName: `Round${round}`, lastName: 'New', email: `round${round}@example.com`, leadScore: 70 } });
}

let other: Node | undefined;

beforeAll(async () => {
  t = await setupStrapi();
  for (let i = 0; i < 30; i++)
    await docs().create({ data: { firstName: `Node${i}`, lastName: 'Person', email: `node${i}@example.com`, leadScore: (i * 37) % 100 } });
  const created = await service().create({ name: 'Hot on two nodes', filters: HOT, watched: true });
  segment = { documentId: created.documentId, id: created.id };
  await service().refresh(segment.documentId);
  expected = await hotNow();
  other = await startNode();
});

afterAll(async () => {
  other?.child.kill('SIGKILL');
  await teardownStrapi();
});

describe('two nodes on one database', () => {
  it('one refreshes at a time: the other skips, or waits and then finds nothing left to do', async () => {
    await churn(1);
    other!.send({ refresh: segment.documentId, pauseAt: 'changes' });
    expect(await other!.next('paused')).toBe('changes');

    expect(await service().refresh(segment.documentId, { wait: false })).toBeNull();
    let settled = false;
    const waiting = service()
      .refresh(segment.documentId)
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);

    other!.send({ resume: true });
    const theirs = await other!.next('result');
    const ours = await waiting;
    expect(theirs.entered + theirs.left).toBeGreaterThan(0);
    expect(ours).toMatchObject({ entered: 0, left: 0, count: theirs.count });
    expect(await expectFeedIsTheDifference()).toBe(theirs.entered + theirs.left);
  });

  it('refreshing together, many times, writes each change once', async () => {
    await churn(2);
    for (let i = 0; i < 4; i++) other!.send({ refresh: segment.documentId });
    const ours = await Promise.all(Array.from({ length: 4 }, () => service().refresh(segment.documentId)));
    const theirs = [];
    for (let i = 0; i < 4; i++) theirs.push(await other!.next('result'));
    const written = [...ours, ...theirs].reduce((sum, r) => sum + r.entered + r.left, 0);
    const changes = await expectFeedIsTheDifference();
    expect(changes).toBeGreaterThan(0);
    expect(written).toBe(changes);
  });

  it('a node killed in the middle of a refresh changes nothing; the next refresh writes each change once', async () => {
    await churn(3);
    const membersBefore = await storedMembers();
    const feedBefore = await service().changes(segment.documentId, { limit: 10_000 });
    other!.send({ refresh: segment.documentId, pauseAt: 'changes' });
    expect(await other!.next('paused')).toBe('changes');
    other!.child.kill('SIGKILL');
    await new Promise((resolve) => other!.child.once('exit', resolve));
    other = undefined;

    expect(await storedMembers()).toEqual(membersBefore);
    expect(await service().changes(segment.documentId, { limit: 10_000 })).toEqual(feedBefore);
    const result = await service().refresh(segment.documentId);
    expect(result.entered + result.left).toBeGreaterThan(0);
    expect(await expectFeedIsTheDifference()).toBe(result.entered + result.left);
    expect(await storedMembers()).toEqual(
      (
        (await t.strapi.db
          .query(CONTACT as any)
          .findMany({ select: ['documentId'], where: { documentId: { $in: [...expected] } } })) as any[]
      )
        .map((c) => c.documentId)
        .sort(),
    );
  });
});
