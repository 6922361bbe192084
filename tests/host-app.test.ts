import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAdminAndLogin, createApiToken, type AdminSession } from './helpers/auth';
import { REPO_ROOT, setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';

/**
 * Installs the plugin the way a team with its own CRM would: `npm pack` (which runs `prepack`), then
 * `npm install` of the tarball into tests/host-app, a Strapi app whose CRM is named unlike the
 * playground's (Person with one name field and an attribute called `segment`, Organisation,
 * Interaction, no email events), mapped in a few lines of config/plugins.js. Every count is checked
 * against the same audience computed here from the records the test created.
 */
const HOST = path.join(REPO_ROOT, 'tests', 'host-app');
const INSTALLED = path.join(HOST, 'node_modules', 'strapi-plugin-segments');
const DAY = 86_400_000;

let t: TestStrapi;
let admin: AdminSession;
let packDir: string;

interface Person {
  documentId: string;
  givenName: string;
  workEmail: string;
  stage: 'prospect' | 'active' | 'churned';
  score: number;
  optOut: boolean;
  segment: string | null;
  organisation: { title: string; country: string; headcount: number } | null;
  interactions: Array<{ kind: 'call' | 'visit' | 'mail'; happenedAt: Date }>;
}
const people: Person[] = [];

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`, { cause: error });
  }
}

beforeAll(async () => {
  packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-pack-'));
  run('npm', ['pack', '--pack-destination', packDir], REPO_ROOT);
  const tarball = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${packDir}`);
  fs.rmSync(path.join(HOST, 'node_modules'), { recursive: true, force: true });
  // Peers (Strapi, React, …) are the host's: here they resolve from the repository's node_modules.
  run(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--legacy-peer-deps',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      path.join(packDir, tarball),
    ],
    HOST,
  );

  t = await setupStrapi({ appDir: HOST });
  admin = await createAdminAndLogin(t.strapi, t.request);

  const organisations = t.strapi.documents('api::organisation.organisation' as any);
  const acme = await organisations.create({ data: { title: 'Acme GmbH', country: 'Germany', headcount: 120 } as any });
  const globex = await organisations.create({ data: { title: 'Globex', country: 'France', headcount: 40 } as any });
  const orgs = [acme, globex, null];
  const stages = ['prospect', 'active', 'churned'] as const;
  const names = ['Ana', 'Bjørn', 'Chloé', 'Dan', 'Émile', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Jun', 'Kwame', 'Lena'];
  const now = Date.now();
  for (let i = 0; i < names.length; i++) {
    const org = orgs[(i >> 1) % 3];
    const interactions = Array.from({ length: i % 4 }, (_, k) => ({
      kind: (['call', 'visit', 'mail'] as const)[(i + k) % 3],
      happenedAt: new Date(now - (i * 5 + k * 11) * DAY),
    }));
    const values = {
      givenName: names[i],
      workEmail: `${names[i].toLowerCase()}@host.example`,
      stage: stages[i % 3],
      score: i * 10,
      optOut: i % 4 === 0,
      segment: i % 2 === 1 ? 'vip' : null,
    };
    const person = await t.strapi.documents('api::person.person' as any).create({
      data: { ...values, organisation: org?.documentId ?? null } as any,
    });
    for (const it of interactions) {
      await t.strapi.documents('api::interaction.interaction' as any).create({ data: { ...it, person: person.documentId } as any });
    }
    people.push({
      documentId: person.documentId,
      ...values,
      organisation: org ? { title: org.title, country: org.country, headcount: org.headcount } : null,
      interactions,
    });
  }
});

afterAll(async () => {
  await teardownStrapi();
  fs.rmSync(packDir, { recursive: true, force: true });
});

const group = (...rules: unknown[]) => ({ combinator: 'and', rules });
const preview = (filters: unknown) => t.request.post('/segments/preview').set(admin.headers).send({ filters, limit: 100 });
const ids = (list: Array<{ documentId: string }>) => list.map((p) => p.documentId).sort();
const latest = (p: Person) => Math.max(...p.interactions.map((i) => i.happenedAt.getTime()));

/** Trees in the host's names, each with the same audience computed from the created records. */
const cases: Array<{ name: string; tree: unknown; expected: (p: Person) => boolean }> = [
  {
    name: 'active people at German organisations',
    tree: group({ field: 'stage', operator: '=', value: 'active' }, { field: 'organisation.country', operator: '=', value: 'germany' }),
    expected: (p) => p.stage === 'active' && p.organisation?.country === 'Germany',
  },
  {
    name: 'score between 30 and 80',
    tree: group({ field: 'score', operator: 'between', value: [30, 80] }),
    expected: (p) => p.score >= 30 && p.score <= 80,
  },
  {
    name: "the host's own `segment` attribute",
    tree: group({ field: 'segment', operator: '=', value: 'VIP' }),
    expected: (p) => p.segment === 'vip',
  },
  {
    name: 'a call in the last 30 days (to-many named interactions)',
    tree: group({
      field: 'interactions',
      operator: 'matches',
      match: { mode: 'some' },
      value: group({ field: 'kind', operator: '=', value: 'call' }, { field: 'happenedAt', operator: '>=', value: 'now-30d' }),
    }),
    expected: (p) => p.interactions.some((i) => i.kind === 'call' && i.happenedAt.getTime() >= Date.now() - 30 * DAY),
  },
  {
    name: 'last activity more than 20 days ago',
    tree: group({ field: 'lastActivityAt', operator: '<', value: 'now-20d' }),
    expected: (p) => p.interactions.length > 0 && latest(p) < Date.now() - 20 * DAY,
  },
  {
    name: 'not (opted out or without an organisation)',
    tree: {
      combinator: 'or',
      not: true,
      rules: [
        { field: 'optOut', operator: '=', value: true },
        { field: 'organisation', operator: 'null' },
      ],
    },
    expected: (p) => !(p.optOut || p.organisation === null),
  },
  {
    name: 'organisation headcount over 100 or a name with an accent',
    tree: {
      combinator: 'or',
      rules: [
        { field: 'organisation.headcount', operator: '>', value: 100 },
        { field: 'givenName', operator: 'contains', value: 'É' },
      ],
    },
    expected: (p) => (p.organisation?.headcount ?? 0) > 100 || p.givenName.toLowerCase().includes('é'),
  },
];

describe('the packed plugin installed into a host app', () => {
  it('is the tarball installed under node_modules, with every export it declares', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(INSTALLED, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('strapi-plugin-segments');
    expect(fs.realpathSync(INSTALLED).startsWith(fs.realpathSync(HOST))).toBe(true);
    expect(t.strapi.config.get('enabledPlugins.segments.pathToPlugin')).toBe(INSTALLED);
    for (const target of [
      'dist/server/index.js',
      'dist/server/index.mjs',
      'dist/admin/index.js',
      'dist/admin/index.mjs',
      'dist/types/server/types.d.ts',
    ]) {
      expect(fs.existsSync(path.join(INSTALLED, target))).toBe(true);
    }
    expect(fs.existsSync(path.join(INSTALLED, 'server'))).toBe(false); // the source is not shipped
  });

  it("types a TypeScript host's code through strapi-plugin-segments/types", () => {
    run(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(HOST, 'typecheck')], REPO_ROOT);
  });

  it("offers the host's fields under the host's names, and the membership field renamed", async () => {
    const { body } = await t.request.get('/segments/catalog').set(admin.headers).expect(200);
    expect(body.contactType).toBe('api::person.person');
    const byName = Object.fromEntries(body.fields.map((f: any) => [f.name, f]));
    expect(byName.givenName.type).toBe('string');
    expect(byName.workEmail.type).toBe('email');
    expect(byName.stage.options.map((o: any) => o.value)).toEqual(['prospect', 'active', 'churned']);
    expect(byName.segment).toMatchObject({ type: 'string', group: 'Person' });
    expect(byName.inSegment).toMatchObject({ type: 'segment', operators: ['in', 'notIn'] });
    expect(byName['organisation.country'].type).toBe('string');
    expect(byName.interactions).toMatchObject({ type: 'toMany', target: 'api::interaction.interaction' });
    expect(byName.lastActivityAt.type).toBe('datetime');
    expect(body.fields.filter((f: any) => f.name === 'segment')).toHaveLength(1);
    expect(Object.keys(byName).filter((n) => n.startsWith('email.'))).toEqual([]);
  });

  it.each(cases)('counts $name exactly', async ({ tree, expected }) => {
    const res = await preview(tree).expect(200);
    const members = people.filter(expected);
    expect(members.length).toBeGreaterThan(0);
    expect(res.body.count).toBe(members.length);
    expect(ids(res.body.contacts)).toEqual(ids(members));
    const negated = await preview({ ...(tree as object), not: !(tree as { not?: boolean }).not }).expect(200);
    expect(negated.body.count).toBe(people.length - members.length);
  });

  it('shows a person with the host name, email and organisation fields', async () => {
    const ana = people[0];
    const res = await preview(group({ field: 'workEmail', operator: '=', value: ana.workEmail })).expect(200);
    expect(res.body.contacts).toEqual([{ documentId: ana.documentId, name: 'Ana', email: 'ana@host.example', company: 'Acme GmbH' }]);
  });

  it('says why email engagement is not there, in the host’s words', async () => {
    const res = await preview(group({ field: 'email.opened', operator: 'any', value: { last: 1 } })).expect(400);
    expect(res.body.error.message).toBe(
      'Invalid filters at rules[0].field: unknown field "email.opened" for Person: email engagement is off: crm.emailEvents is null in the segments plugin config',
    );
  });

  it('saves a segment, pages its live members, refreshes its count after an edit, uses it in another, exports and streams it', async () => {
    const german = cases[0];
    const expected = people.filter(german.expected);
    const created = await t.request
      .post('/segments/segments')
      .set(admin.headers)
      .send({ name: 'German actives', filters: german.tree })
      .expect(201);
    const id = created.body.data.documentId;

    const page = await t.request.get(`/segments/segments/${id}/contacts?page=1&pageSize=1`).set(admin.headers).expect(200);
    expect(page.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: expected.length, total: expected.length });
    const counted = await t.request.get(`/segments/segments/${id}`).set(admin.headers).expect(200);
    expect(counted.body.data.lastCount).toBe(expected.length);

    // An edit that changes the tree forgets the count of the old one and counts the new one.
    const scoreTree = cases[1].tree;
    const midScores = people.filter(cases[1].expected);
    const edited = await t.request.put(`/segments/segments/${id}`).set(admin.headers).send({ filters: scoreTree }).expect(200);
    expect(edited.body.data).toMatchObject({ lastCount: midScores.length, lastCountError: null });
    const renamed = await t.request.put(`/segments/segments/${id}`).set(admin.headers).send({ name: 'Mid scores' }).expect(200);
    expect(renamed.body.data.lastCount).toBe(midScores.length);

    const user = await t.request
      .post('/segments/segments')
      .set(admin.headers)
      .send({
        name: 'Mid scores without opt-out',
        filters: group({ field: 'inSegment', operator: 'in', value: [id] }, { field: 'optOut', operator: '=', value: false }),
      })
      .expect(201);
    const both = people.filter((p) => cases[1].expected(p) && !p.optOut);
    const count = await t.request.post('/segments/preview').set(admin.headers).send({ filters: user.body.data.filters }).expect(200);
    expect(count.body.count).toBe(both.length);
    const refused = await t.request.delete(`/segments/segments/${id}`).set(admin.headers).expect(409);
    expect(refused.body.error.message).toMatch(/"Mid scores" is used by "Mid scores without opt-out"/);

    const list = await t.request.post(`/segments/segments/${id}/export`).set(admin.headers).send({ name: 'Frozen mid scores' }).expect(201);
    expect(list.body.data.memberCount).toBe(midScores.length);
    const members = await t.request
      .get(`/segments/lists/${list.body.data.documentId}/contacts?pageSize=100`)
      .set(admin.headers)
      .expect(200);
    expect(ids(members.body.data)).toEqual(ids(midScores));

    const streamed: string[] = [];
    for await (const batch of t.strapi.plugin('segments').service('segments').stream(id, { batchSize: 2, excludeUnsubscribed: true })) {
      expect(batch.length).toBeLessThanOrEqual(2);
      streamed.push(...batch.map((p: { documentId: string }) => p.documentId));
    }
    expect(streamed.sort()).toEqual(ids(both));
  });

  it('answers the content API to a token allowed to count', async () => {
    const created = await t.strapi.plugin('segments').service('segments').create({ name: 'VIPs', filters: cases[2].tree });
    const token = await createApiToken(t.strapi, {
      type: 'custom',
      permissions: ['plugin::segments.segment.count', 'plugin::segments.segment.contacts'],
    });
    const res = await t.request.get(`/api/segments/segments/${created.documentId}/count`).set(token.headers).expect(200);
    expect(res.body).toEqual({ data: { count: people.filter(cases[2].expected).length } });
    const page = await t.request.get(`/api/segments/segments/${created.documentId}/contacts?pageSize=3`).set(token.headers).expect(200);
    expect(page.body.meta.pagination.total).toBe(people.filter(cases[2].expected).length);
    expect(page.body.data).toHaveLength(3);
  });
});
