/**
 * Explain (docs/explain.md) on hand-written data, every number written out: per-node counts and their
 * reading under AND / OR / NOT, the time budget, a contact's explanation with the stored values that
 * decided each rule (a country spelled "Deutschland", a null, no company at all, related-record
 * counts, engaged campaigns, a segment reference), the contact picker, and freshness (lastCountError,
 * the count budget's 202).
 *
 *   npx jest --selectProjects server --testPathPatterns tests/api.explain.test.ts
 */
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, type AdminSession } from './helpers/auth';
import { and, createCrmFixture, not, or, rule, sub, type CrmFixture } from './support/crm-fixture';
import { withinBudget } from '../server/crm/bounded';
import { runningStatements } from './support/running-read';
import { SEGMENT as SEGMENT_UID } from './support/uids';
import { until } from './support/until';

let t: TestStrapi;
let admin: AdminSession;
let fx: CrmFixture;
let germans: string;

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  fx = await createCrmFixture(t.strapi, (clock) => ({
    companies: {
      acme: { country: 'Deutschland', industry: 'technology' },
      globex: { country: 'Germany', industry: 'healthcare' },
      nulco: { country: null, industry: 'finance' },
    },
    campaigns: {
      spring: { sentAt: clock.daysAgo(30) },
      summer: { sentAt: clock.daysAgo(20) },
      autumn: { sentAt: clock.daysAgo(10) },
      winter: { sentAt: clock.daysFromNow(10) },
    },
    contacts: {
      anna: { firstName: 'Anna', lastName: 'Müller', email: 'anna@acme.de', lifecycleStage: 'lead', leadScore: 80, company: 'acme' },
      bob: { firstName: 'Bob', lastName: 'Stone', email: 'bob@globex.com', lifecycleStage: 'lead', leadScore: 40, company: 'globex' },
      carl: { firstName: 'Carl', lastName: 'Nobody', email: 'carl@example.com', lifecycleStage: 'customer', leadScore: null },
      dora: { firstName: 'Dora', lastName: 'Null', email: 'dora@nulco.io', lifecycleStage: 'lead', leadScore: 10, company: 'nulco' },
      emil: {
        firstName: 'Emil',
        lastName: 'Stone',
        email: 'emil@globex.com',
        lifecycleStage: 'customer',
        leadScore: 95,
        company: 'globex',
      },
    },
    deals: {
      d1: { stage: 'closed_won', amount: 100, contacts: ['anna'] },
      d2: { stage: 'closed_won', amount: 200, contacts: ['anna', 'bob'] },
      d3: { stage: 'qualified', amount: 300, contacts: ['anna'] },
      d4: { stage: 'qualified', amount: 50, contacts: ['emil'] },
    },
    emailEvents: [
      { contact: 'anna', campaign: 'autumn', type: 'opened' },
      { contact: 'anna', campaign: 'spring', type: 'opened' },
      { contact: 'bob', campaign: 'summer', type: 'opened' },
      { contact: 'bob', campaign: 'winter', type: 'opened' },
      { contact: 'emil', campaign: 'autumn', type: 'clicked' },
    ],
  }));
  germans = await fx.createSegment('Germans', and(rule('company.country', '=', 'Germany')));
});

afterAll(async () => {
  t.strapi.config.set('plugin::segments.explainBudgetMs', 5_000);
  t.strapi.config.set('plugin::segments.countBudgetMs', 5_000);
  await teardownStrapi();
});

const explain = (filters: unknown) => t.request.post('/segments/explain').set(admin.headers).send({ filters });
const explainContact = (body: Record<string, unknown>) => t.request.post('/segments/explain/contact').set(admin.headers).send(body);
const node = (nodes: Array<{ path: string }>, path: string) => nodes.find((n) => n.path === path) as any;

describe('POST /segments/explain', () => {
  it('counts every node alone and the running AND intersection, the root kept being the count', async () => {
    const tree = and(
      rule('lifecycleStage', '=', 'lead'), // anna bob dora
      rule('leadScore', '>', 30), // anna bob emil
      rule('company.country', '=', 'Germany'), // bob emil
    );
    const res = await explain(tree);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 5,
      count: 1,
      nodes: [
        { path: '', alone: 1, kept: 1, status: 'ok' },
        { path: 'rules[0]', alone: 3, kept: 3, status: 'ok' },
        { path: 'rules[1]', alone: 3, kept: 2, status: 'ok' },
        { path: 'rules[2]', alone: 2, kept: 1, status: 'ok' },
      ],
    });
  });

  it('reads an OR group as a running union, and a NOT group as the complement of its children as written', async () => {
    const tree = and(
      or(rule('company.country', '=', 'Germany'), rule('company.country', '=', 'Deutschland')), // bob emil | anna
      not(and(sub('deals', 'some', undefined, rule('stage', '=', 'closed_won')))), // not (anna bob) = carl dora emil
    );
    tree.rules[0] = { ...(tree.rules[0] as object), id: 'g-or' };
    const res = await explain(tree);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 5,
      count: 1, // emil
      nodes: [
        { path: '', alone: 1, kept: 1, status: 'ok' },
        { path: 'rules[0]', id: 'g-or', alone: 3, kept: 3, status: 'ok' },
        { path: 'rules[0].rules[0]', alone: 2, kept: 2, status: 'ok' },
        { path: 'rules[0].rules[1]', alone: 1, kept: 3, status: 'ok' },
        { path: 'rules[1]', alone: 3, kept: 1, status: 'ok' },
        // inside the NOT group, as written: anna and bob have a won deal
        { path: 'rules[1].rules[0]', alone: 2, kept: 2, status: 'ok' },
      ],
    });
  });

  it('answers status "timeout" for what the budget did not allow, and the count all the same', async () => {
    t.strapi.config.set('plugin::segments.explainBudgetMs', 0);
    try {
      const res = await explain(and(rule('lifecycleStage', '=', 'lead'), rule('leadScore', '>', 30)));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        total: 5,
        count: 2,
        nodes: [
          { path: '', alone: 2, kept: 2, status: 'ok' },
          { path: 'rules[0]', alone: null, kept: null, status: 'timeout' },
          { path: 'rules[1]', alone: null, kept: null, status: 'timeout' },
        ],
      });
    } finally {
      t.strapi.config.set('plugin::segments.explainBudgetMs', 5_000);
    }
  });

  it('refuses an invalid tree with a 400 and its path', async () => {
    const res = await explain(and(rule('nosuchfield', '=', 'x')));
    expect(res.status).toBe(400);
    expect(res.body.error.details.path).toBe('rules[0].field');
    expect((await t.request.post('/segments/explain').set(admin.headers).send({})).status).toBe(400);
    expect((await explain([1, 2])).status).toBe(400);
  });
});

describe('withinBudget', () => {
  it('stops a slow query at its budget (where the database can) and runs one within it', async () => {
    // Ten minutes: had the budget not stopped it, the test would time out instead.
    const slow: Record<string, string> = {
      postgres: 'SELECT pg_sleep(600) AS x',
      mysql: 'SELECT SLEEP(600) AS x',
    };
    const db = t.strapi.db.connection;
    expect(await withinBudget(t.strapi, 0, db.raw('SELECT 1 AS x'))).toEqual({ status: 'timeout' });
    const ok = await withinBudget(t.strapi, 5_000, db.raw('SELECT 1 AS x'));
    expect(ok).toEqual({ status: 'ok', value: [{ x: 1 }] });
    if (slow[t.client]) {
      expect(await withinBudget(t.strapi, 200, db.raw(slow[t.client]))).toEqual({ status: 'timeout' });
      // stopped by the server, not left running there
      expect(await runningStatements(t.strapi, t.client === 'postgres' ? 'pg_sleep' : 'SLEEP(')).toBe(0);
      // the pooled connection does not keep the bound
      expect(await withinBudget(t.strapi, 5_000, db.raw('SELECT 1 AS x'))).toEqual({ status: 'ok', value: [{ x: 1 }] });
    }
  });
});

describe('POST /segments/explain/contact', () => {
  it('shows the stored country that decided a rule, a null, and no company at all', async () => {
    const tree = and(rule('company.country', '=', 'Germany'), rule('leadScore', '>=', 20));
    const anna = await explainContact({ filters: tree, contact: fx.contacts.anna });
    expect(anna.status).toBe(200);
    expect(anna.body).toEqual({
      contact: { documentId: fx.contacts.anna, name: 'Anna Müller', email: 'anna@acme.de' },
      member: false,
      nodes: [
        { path: '', result: false },
        { path: 'rules[0]', result: false, values: ['Deutschland'] },
        { path: 'rules[1]', result: true, values: [80] },
      ],
    });
    const carl = await explainContact({ filters: tree, contact: fx.contacts.carl });
    expect(carl.body.nodes).toEqual([
      { path: '', result: false },
      { path: 'rules[0]', result: false, values: [] },
      { path: 'rules[1]', result: false, values: [null] },
    ]);
    const dora = await explainContact({ filters: and(rule('company.country', 'null')), contact: fx.contacts.dora });
    expect(dora.body.member).toBe(true);
    expect(dora.body.nodes[1]).toEqual({ path: 'rules[0]', result: true, values: [null] });
  });

  it('counts the related records that matched a to-many rule, and all of them', async () => {
    const tree = and(sub('deals', 'atLeast', 3, rule('stage', '=', 'closed_won')), sub('deals', 'all', undefined));
    const anna = await explainContact({ filters: tree, contact: fx.contacts.anna });
    expect(anna.body.nodes).toEqual([
      { path: '', result: false },
      { path: 'rules[0]', result: false, related: { matched: 2, total: 3 } },
      { path: 'rules[1]', result: true, related: { matched: 3, total: 3 } },
    ]);
    const carl = await explainContact({ filters: tree, contact: fx.contacts.carl });
    expect(carl.body.nodes.map((n: any) => n.related ?? n.result)).toEqual([false, { matched: 0, total: 0 }, { matched: 0, total: 0 }]);
  });

  it('names the campaign set as evaluated now and those the contact engaged with', async () => {
    const campaign = (name: string) => ({ documentId: fx.campaigns[name], name });
    const tree = and(rule('email.opened', 'all', { last: 2 }));
    const anna = await explainContact({ filters: tree, contact: fx.contacts.anna });
    expect(anna.body.member).toBe(false);
    // the last 2 sent: autumn then summer (winter is not sent yet)
    expect(node(anna.body.nodes, 'rules[0]')).toEqual({
      path: 'rules[0]',
      result: false,
      campaigns: {
        set: [campaign('autumn'), campaign('summer')],
        engaged: [fx.campaigns.autumn],
      },
    });
    const listed = and(rule('email.clicked', 'any', { campaigns: [fx.campaigns.autumn, fx.campaigns.winter] }));
    const emil = await explainContact({ filters: listed, contact: fx.contacts.emil });
    expect(node(emil.body.nodes, 'rules[0]')).toEqual({
      path: 'rules[0]',
      result: true,
      campaigns: {
        set: [campaign('autumn'), campaign('winter')],
        engaged: [fx.campaigns.autumn],
      },
    });
  });

  it("gives a segment rule the referenced segment's own result, and explains a saved segment", async () => {
    const tree = and(rule('segment', 'notIn', [germans]));
    const bob = await explainContact({ filters: tree, contact: fx.contacts.bob });
    expect(bob.body.nodes).toEqual([
      { path: '', result: false },
      { path: 'rules[0]', result: false, segments: [{ documentId: germans, name: 'Germans', result: true }] },
    ]);
    const saved = await explainContact({ segment: germans, contact: fx.contacts.emil });
    expect(saved.status).toBe(200);
    expect(saved.body.member).toBe(true);
    expect(saved.body.nodes).toEqual([
      { path: '', result: true },
      { path: 'rules[0]', result: true, values: ['Germany'] },
    ]);
  });

  it('answers 404 for an unknown contact or segment and 400 for an invalid request', async () => {
    const tree = and(rule('lifecycleStage', '=', 'lead'));
    const noContact = await explainContact({ filters: tree, contact: 'nosuchcontact0000000000000' });
    expect(noContact.status).toBe(404);
    expect(noContact.body.error.message).toBe('contact "nosuchcontact0000000000000" does not exist');
    const noSegment = await explainContact({ segment: 'nosuchsegment0000000000000', contact: fx.contacts.anna });
    expect(noSegment.status).toBe(404);
    expect((await explainContact({ filters: and(rule('leadScore', '>', 'many')), contact: fx.contacts.anna })).status).toBe(400);
    const both = await explainContact({ filters: tree, segment: germans, contact: fx.contacts.anna });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/either filters .* or segment/);
    expect((await explainContact({ filters: tree })).status).toBe(400);
  });
});

describe('GET /segments/contacts', () => {
  it('finds contacts by every word of a name or email, case-insensitively, newest first', async () => {
    const find = async (q: string) =>
      (await t.request.get('/segments/contacts').query({ q }).set(admin.headers)).body.data.map((c: any) => fx.keyOf(c.documentId));
    expect(await find('müller')).toEqual(['anna']);
    expect(await find('STONE')).toEqual(['emil', 'bob']);
    expect(await find('stone globex.com e')).toEqual(['emil', 'bob']);
    expect(await find('emil stone')).toEqual(['emil']);
    const res = await t.request.get('/segments/contacts').query({ q: 'anna' }).set(admin.headers);
    expect(res.body.data).toEqual([{ documentId: fx.contacts.anna, name: 'Anna Müller', email: 'anna@acme.de', company: 'acme' }]);
    expect((await t.request.get('/segments/contacts').query({ limit: 0 }).set(admin.headers)).status).toBe(400);
  });
});

describe('freshness of saved segments', () => {
  const stored = async (documentId: string) => (await t.request.get(`/segments/segments/${documentId}`).set(admin.headers)).body.data;

  it('records why a count failed, keeps the last count, and clears the error on the next success', async () => {
    const id = await fx.createSegment('Leads', and(rule('lifecycleStage', '=', 'lead')));
    expect((await t.request.post(`/segments/segments/${id}/count`).set(admin.headers)).body.data).toMatchObject({
      lastCount: 3,
      lastCountError: null,
    });
    // A tree that no longer compiles (its field was removed from the CRM since it was saved).
    await t.strapi.db
      .query(SEGMENT_UID as any)
      .update({ where: { documentId: id }, data: { filters: and(rule('retiredField', '=', 'x')) } });
    const failed = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers);
    expect(failed.status).toBe(400);
    expect(await stored(id)).toMatchObject({
      lastCount: 3,
      lastCountError: 'Invalid filters at rules[0].field: unknown field "retiredField"',
    });
    await t.strapi.db
      .query(SEGMENT_UID as any)
      .update({ where: { documentId: id }, data: { filters: and(rule('lifecycleStage', '=', 'customer')) } });
    const ok = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ lastCount: 2, lastCountError: null });
  });

  it('answers 202 "still counting" with the last count when the count is over budget, and records it when done', async () => {
    const id = await fx.createSegment('Customers', and(rule('lifecycleStage', '=', 'customer')));
    t.strapi.config.set('plugin::segments.countBudgetMs', 0);
    try {
      const res = await t.request.post(`/segments/segments/${id}/count`).set(admin.headers);
      expect(res.status).toBe(202);
      expect(res.body.pending).toBe(true);
      expect(res.body.data).toMatchObject({ documentId: id, lastCount: null });
      const segment = await until('the count recorded', async () => {
        const s = await stored(id);
        return s.lastCount !== null && s;
      });
      expect(segment).toMatchObject({ lastCount: 2, lastCountError: null });
    } finally {
      t.strapi.config.set('plugin::segments.countBudgetMs', 5_000);
    }
  });
});
