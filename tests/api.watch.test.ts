/**
 * Watched segments (docs/watching.md) through the admin HTTP API, the Content API and the service:
 * the feed after contacts are created, edited and deleted through Strapi equals the set difference
 * this file computes on its own; cursors page every change once; `edited` and `deleted` reasons;
 * history, the list's sparkline points and "member since"; events batched on the event hub and
 * webhooks at a real HTTP receiver; a refresh past the time bound recorded as failed, changing
 * nothing; unwatch and delete; retention and the scheduled task; permissions.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupStrapi, teardownStrapi, type TestStrapi } from './helpers/strapi';
import { createAdminAndLogin, createApiToken, type AdminSession } from './helpers/auth';
import { insertScoredContacts } from './support/bulk-contacts';
import { CONTACT } from './support/uids';
import { until } from './support/until';

let t: TestStrapi;
let admin: AdminSession;

const rule = (field: string, operator: string, value?: unknown) => ({ field, operator, value });
const group = (...rules: unknown[]) => ({ combinator: 'and', rules });

interface Change {
  cursor: string;
  kind: 'entered' | 'left';
  reason: 'matched' | 'edited' | 'deleted';
  at: string;
  contact: { documentId: string; name: string; email: string | null };
}

const api = {
  create: (name: string, filters: unknown, extra: Record<string, unknown> = {}) =>
    t.request
      .post('/segments/segments')
      .set(admin.headers)
      .send({ name, filters, ...extra }),
  get: (id: string) => t.request.get(`/segments/segments/${id}`).set(admin.headers),
  list: (query = '') => t.request.get(`/segments/segments${query}`).set(admin.headers),
  put: (id: string, body: Record<string, unknown>) => t.request.put(`/segments/segments/${id}`).set(admin.headers).send(body),
  refresh: (id: string, headers = admin.headers) => t.request.post(`/segments/segments/${id}/refresh`).set(headers),
  changes: (id: string, query: Record<string, string | number> = {}, headers = admin.headers) =>
    t.request.get(`/segments/segments/${id}/changes`).query(query).set(headers),
  history: (id: string, query: Record<string, string> = {}, headers = admin.headers) =>
    t.request.get(`/segments/segments/${id}/history`).query(query).set(headers),
  members: (id: string, query = '') => t.request.get(`/segments/segments/${id}/contacts${query}`).set(admin.headers),
};

const docs = () => (t.strapi.documents as any)(CONTACT);
let seq = 0;
const createContact = (data: Record<string, unknown>) => {
  seq += 1;
  return docs().create({ data: { firstName: `Watch${seq}`, lastName: 'Person', email: `watch${seq}@example.com`, ...data } });
};

/** All contacts as stored, read without the plugin. */
async function allContacts(): Promise<{ documentId: string; leadScore: number | null; lifecycleStage: string | null }[]> {
  return t.strapi.db.query(CONTACT as any).findMany({ select: ['documentId', 'leadScore', 'lifecycleStage'] }) as any;
}

/** Every change after `cursor`, paged by `limit` through the admin route, and the last cursor. */
async function feedAfter(id: string, cursor: string | null, limit = 7): Promise<{ changes: Change[]; next: string | null }> {
  const changes: Change[] = [];
  let next = cursor;
  for (;;) {
    const res = await api.changes(id, { ...(next ? { after: next } : {}), limit });
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    changes.push(...res.body.data);
    if (res.body.data.length < limit) return { changes, next: res.body.meta.next };
    expect(res.body.meta.next).toBe(res.body.data.at(-1).cursor);
    next = res.body.meta.next;
  }
}

const sorted = (ids: Iterable<string>) => [...ids].sort();
const byKind = (changes: Change[], kind: string) => sorted(changes.filter((c) => c.kind === kind).map((c) => c.contact.documentId));

let receiver: http.Server;
const received: { event: string; body: any }[] = [];

beforeAll(async () => {
  t = await setupStrapi();
  admin = await createAdminAndLogin(t.strapi, t.request);
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ event: String(req.headers['x-strapi-event']), body: JSON.parse(text) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  if (receiver) {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
  await teardownStrapi();
});

describe('the feed of a watched segment', () => {
  const HOT = group(rule('leadScore', '>=', 50));
  const hot = (c: { leadScore: number | null }) => c.leadScore != null && c.leadScore >= 50;
  let id: string;
  let cursor: string | null = null;
  let expected = new Set<string>();

  /** Refreshes, then checks the new changes against the set difference computed here. */
  async function refreshAndCompare(matches: (c: any) => boolean, reason: 'matched' | 'edited') {
    const contacts = await allContacts();
    const existing = new Set(contacts.map((c) => c.documentId));
    const now = new Set(contacts.filter(matches).map((c) => c.documentId));
    const entered = sorted([...now].filter((d) => !expected.has(d)));
    const left = sorted([...expected].filter((d) => !now.has(d)));

    const res = await api.refresh(id);
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    expect(res.body.data).toEqual({ count: now.size, entered: entered.length, left: left.length, at: expect.any(String) });

    const { changes, next } = await feedAfter(id, cursor);
    expect(byKind(changes, 'entered')).toEqual(entered);
    expect(byKind(changes, 'left')).toEqual(left);
    for (const change of changes) {
      const deleted = change.kind === 'left' && !existing.has(change.contact.documentId);
      expect([change.contact.documentId, change.reason]).toEqual([change.contact.documentId, deleted ? 'deleted' : reason]);
      expect(change.at).toBe(res.body.data.at);
    }
    const cursors = changes.map((c) => Number(c.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    if (cursor) expect(cursors.every((c) => c > Number(cursor))).toBe(true);
    cursor = next;
    expected = now;
    return changes;
  }

  beforeAll(async () => {
    for (let i = 0; i < 12; i++) await createContact({ leadScore: i * 10, lifecycleStage: i % 2 ? 'lead' : 'customer' });
    const res = await api.create('Hot contacts', HOT);
    expect(res.status).toBe(201);
    id = res.body.data.documentId;
    expect(res.body.data).toMatchObject({ watched: false, lastRefresh: null });
  });

  it('refuses to refresh a segment that is not watched (409, with what to do)', async () => {
    const res = await api.refresh(id);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/not watched.*"watched": true/);
  });

  it('is watched by PUT; the first refresh takes the baseline and emits no change', async () => {
    const put = await api.put(id, { watched: true });
    expect([put.status, put.body.data.watched, put.body.data.lastRefresh]).toEqual([200, true, null]);
    expect((await api.put(id, { watched: 'yes' })).status).toBe(400);

    const res = await api.refresh(id);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ count: 7, entered: 0, left: 0 });
    const feed = await api.changes(id);
    expect(feed.body).toEqual({ data: [], meta: { next: null } });
    expected = new Set((await allContacts()).filter(hot).map((c) => c.documentId));
    const got = await api.get(id);
    expect(got.body.data).toMatchObject({
      watched: true,
      lastCount: 7,
      lastRefresh: { status: 'ok', count: 7, entered: 0, left: 0, at: res.body.data.at },
    });
  });

  it('after creates, edits and deletes through Strapi, holds exactly the set difference', async () => {
    const contacts = await docs().findMany({ sort: 'leadScore:asc' });
    await createContact({ leadScore: 95 });
    await createContact({ leadScore: 10 });
    await docs().update({ documentId: contacts[2].documentId, data: { leadScore: 60 } }); // 20 -> 60: enters
    await docs().update({ documentId: contacts[8].documentId, data: { leadScore: 5 } }); // 80 -> 5: leaves
    await docs().update({ documentId: contacts[9].documentId, data: { leadScore: 99 } }); // 90 -> 99: stays
    await docs().delete({ documentId: contacts[11].documentId }); // 110: leaves, deleted
    await docs().delete({ documentId: contacts[0].documentId }); // 0: was never in
    const changes = await refreshAndCompare(hot, 'matched');
    expect(changes).toHaveLength(4);
    const deleted = changes.find((c) => c.reason === 'deleted')!;
    expect(deleted.contact).toEqual({ documentId: contacts[11].documentId, name: '', email: null });
    const enteredOne = changes.find((c) => c.contact.documentId === contacts[2].documentId)!;
    expect(enteredOne.contact).toEqual({
      documentId: contacts[2].documentId,
      name: contacts[2].firstName + ' Person',
      email: contacts[2].email,
    });
  });

  it('a refresh with nothing changed adds nothing', async () => {
    const changes = await refreshAndCompare(hot, 'matched');
    expect(changes).toEqual([]);
  });

  it('more rounds of random edits keep matching the set difference', async () => {
    let random = 7;
    const next = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 3; round++) {
      const contacts = await docs().findMany();
      for (const c of contacts) {
        const roll = next();
        if (roll < 0.25) await docs().update({ documentId: c.documentId, data: { leadScore: Math.floor(next() * 100) } });
        else if (roll < 0.3) await docs().delete({ documentId: c.documentId });
      }
      for (let i = 0; i < 3; i++) await createContact({ leadScore: Math.floor(next() * 100) });
      await refreshAndCompare(hot, 'matched');
    }
  });

  it('after the conditions change, the next changes say edited', async () => {
    const put = await api.put(id, { filters: group(rule('lifecycleStage', '=', 'lead')) });
    expect(put.status).toBe(200);
    const changes = await refreshAndCompare((c) => c.lifecycleStage === 'lead', 'edited');
    expect(changes.length).toBeGreaterThan(0);
    // and the one after that is back to matched
    await createContact({ lifecycleStage: 'lead' });
    expect((await refreshAndCompare((c) => c.lifecycleStage === 'lead', 'matched')).map((c) => c.kind)).toEqual(['entered']);
  });

  it('reads the same through the service and, for an allowed API token, the Content API', async () => {
    const service = t.strapi.plugin('segments').service('segments');
    const all = await service.changes(id, { limit: 10_000 });
    const first = await service.changes(id, { limit: 2 });
    expect(first.data).toEqual(all.data.slice(0, 2));
    const rest = await service.changes({ documentId: id }, { after: first.meta.next, limit: 10_000 });
    expect([...first.data, ...rest.data]).toEqual(all.data);
    // The editor's "Recent changes": the last ones, newest first, and the cursor to follow from now on.
    const newest = await api.changes(id, { newest: 'true', limit: 3 } as any);
    expect([newest.status, newest.body.data]).toEqual([200, all.data.slice(-3).reverse()]);
    expect(newest.body.meta.next).toBe(all.data.at(-1).cursor);
    expect((await service.changes(id, { after: newest.body.meta.next, limit: 10 })).data).toEqual([]);

    const token = await createApiToken(t.strapi, { type: 'custom', permissions: ['plugin::segments.segment.changes'] });
    const viaToken = await t.request.get(`/api/segments/segments/${id}/changes`).query({ limit: 10_000 }).set(token.headers);
    expect([viaToken.status, viaToken.body.data]).toEqual([200, all.data]);
    const readOnly = await createApiToken(t.strapi, { type: 'read-only' });
    expect((await t.request.get(`/api/segments/segments/${id}/changes`).set(readOnly.headers)).status).toBe(403);
    expect((await t.request.get(`/api/segments/segments/${id}/changes`)).status).toBe(401);
  });

  it('answers 400 with words for a bad cursor or limit, and 404 for an unknown segment', async () => {
    for (const query of [
      { after: 'abc' },
      { after: '-1' },
      { after: '1.5' },
      { limit: 0 },
      { limit: 10_001 },
      { limit: 'many' },
      { newest: 'yes' },
      { newest: 'true', after: '1' },
    ]) {
      const res = await api.changes(id, query as any);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.message).toMatch(/after|limit|newest/);
    }
    expect((await api.changes('nosuchsegment0000000000000')).status).toBe(404);
    const service = t.strapi.plugin('segments').service('segments');
    await expect(service.changes(id, { after: 'x' })).rejects.toMatchObject({ status: 400 });
    await expect(service.changes(id, { limit: 20_000 })).rejects.toMatchObject({ status: 400 });
  });

  it('keeps a history of refreshes, oldest first, within from/to', async () => {
    const res = await api.history(id);
    expect(res.status).toBe(200);
    const history = res.body.data as { at: string; status: string; count: number; entered: number; left: number }[];
    expect(history.length).toBeGreaterThanOrEqual(8);
    expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort());
    expect(history[0]).toEqual({ at: expect.any(String), status: 'ok', count: 7, entered: 0, left: 0 });
    const last = history.at(-1)!;
    expect(last.count).toBe(expected.size);
    const later = await api.history(id, { from: new Date(Date.parse(last.at) + 1).toISOString() });
    expect(later.body.data).toEqual([]);
    const upToFirst = await api.history(id, { to: history[0].at });
    expect(upToFirst.body.data).toEqual([history[0]]);
    expect((await api.history(id, { from: 'yesterday' })).status).toBe(400);
    expect((await api.history(id, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).status).toBe(400);
  });

  it('lists watched segments with their last refresh and sparkline points; others with none', async () => {
    const other = (await api.create('Not watched', HOT)).body.data;
    const res = await api.list('?pageSize=100');
    const mine = res.body.data.find((s: any) => s.documentId === id);
    const history = (await api.history(id)).body.data;
    expect(mine.recentCounts).toEqual(history.filter((h: any) => h.status === 'ok').map((h: any) => ({ at: h.at, count: h.count })));
    expect(mine.lastRefresh).toMatchObject({ status: 'ok', count: expected.size });
    expect(res.body.data.find((s: any) => s.documentId === other.documentId)).toMatchObject({
      watched: false,
      lastRefresh: null,
      recentCounts: [],
    });
  });

  it('shows since when each member is in; null for one that entered after the last refresh', async () => {
    const fresh = await createContact({ lifecycleStage: 'lead' });
    const page = await api.members(id, '?pageSize=100');
    const history = (await api.history(id)).body.data;
    const firstSeen = new Map<string, string>();
    for (const c of (await feedAfter(id, null, 10_000)).changes) if (c.kind === 'entered') firstSeen.set(c.contact.documentId, c.at);
    for (const member of page.body.data) {
      if (member.documentId === fresh.documentId) expect(member.since).toBeNull();
      else expect([member.documentId, member.since]).toEqual([member.documentId, firstSeen.get(member.documentId) ?? history[0].at]);
    }
    await refreshAndCompare((c) => c.lifecycleStage === 'lead', 'matched');
  });

  it('unwatching drops the membership and keeps the history; watching again starts a new baseline', async () => {
    const historyBefore = (await api.history(id)).body.data;
    expect((await api.put(id, { watched: false })).body.data.watched).toBe(false);
    expect((await api.refresh(id)).status).toBe(409);
    expect((await api.members(id, '?pageSize=100')).body.data.every((m: any) => m.since === null)).toBe(true);
    expect((await api.history(id)).body.data).toEqual(historyBefore);
    const members = await t.strapi.db
      .connection('segments_watch_members')
      .where({ segment_id: (await api.get(id)).body.data.id })
      .count({ n: '*' });
    expect(Number(members[0].n)).toBe(0);

    await api.put(id, { watched: true });
    await createContact({ lifecycleStage: 'lead' });
    const baseline = await api.refresh(id);
    expect(baseline.body.data).toMatchObject({ entered: 0, left: 0 });
    expect((await feedAfter(id, cursor)).changes).toEqual([]);
    expected = new Set((await allContacts()).filter((c) => c.lifecycleStage === 'lead').map((c) => c.documentId));
  });

  it('deleting the segment deletes its membership, feed and history', async () => {
    const segmentId = (await api.get(id)).body.data.id;
    expect((await t.request.delete(`/segments/segments/${id}`).set(admin.headers)).status).toBe(200);
    for (const table of ['segments_watch_members', 'segments_watch_changes', 'segments_watch_history', 'segments_watch_state']) {
      const [{ n }] = await t.strapi.db.connection(table).where({ segment_id: segmentId }).count({ n: '*' });
      expect([table, Number(n)]).toEqual([table, 0]);
    }
  });
});

describe('events and webhooks', () => {
  it('lists segment.entered and segment.left among the webhook events', () => {
    const events = (t.strapi.get('webhookStore') as any).allowedEvents as Map<string, string>;
    expect([...events.values()]).toEqual(expect.arrayContaining(['segment.entered', 'segment.left']));
  });

  it("emits a refresh's changes in batches on the event hub and delivers them to a webhook", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const hook = await t.request
      .post('/admin/webhooks')
      .set(admin.headers)
      .send({ name: 'Segment changes', url, headers: {}, events: ['segment.entered', 'segment.left'] });
    expect([hook.status, hook.body.error]).toEqual([201, undefined]);

    const seg = (await api.create('Scored 10000+', group(rule('leadScore', '>=', 10_000)), { watched: true })).body.data;
    expect(seg.watched).toBe(true);
    expect((await api.refresh(seg.documentId)).body.data).toMatchObject({ count: 0 });

    const emitted: { event: string; info: any }[] = [];
    const listeners = ['segment.entered', 'segment.left'].map((event) => {
      const listener = async (info: any) => void emitted.push({ event, info });
      t.strapi.eventHub.on(event, listener);
      return () => t.strapi.eventHub.off(event, listener);
    });
    try {
      await insertScoredContacts(t.strapi, 12_500, { idPrefix: 'watchbulk', email: (i) => `bulk${i}@example.com` });
      const refreshed = await api.refresh(seg.documentId);
      expect(refreshed.body.data).toMatchObject({ count: 2_500, entered: 2_500, left: 0 });
      expect(emitted.map((e) => [e.event, e.info.contacts.length])).toEqual([
        ['segment.entered', 1000],
        ['segment.entered', 1000],
        ['segment.entered', 500],
      ]);
      const contacts = emitted.flatMap((e) => e.info.contacts);
      expect(new Set(contacts.map((c: any) => c.documentId)).size).toBe(2_500);
      expect(contacts[0]).toEqual({ documentId: `watchbulk${String(10_000).padStart(15, '0')}`, name: '', email: 'bulk10000@example.com' });
      expect(emitted[0].info.segment).toEqual({ documentId: seg.documentId, name: 'Scored 10000+' });
      expect(emitted[0].info.at).toBe(refreshed.body.data.at);

      // one leaves: a second batch, of the other kind
      const one = await docs().findFirst({ filters: { email: 'bulk12499@example.com' } });
      await docs().update({ documentId: one.documentId, data: { leadScore: 1 } });
      expect((await api.refresh(seg.documentId)).body.data).toMatchObject({ entered: 0, left: 1 });
      expect(emitted.at(-1)).toMatchObject({ event: 'segment.left', info: { contacts: [{ documentId: one.documentId }] } });
    } finally {
      listeners.forEach((off) => off());
    }

    await until('four webhook deliveries', () => received.length >= 4);
    expect(received.map((r) => [r.event, r.body.event, r.body.contacts.length])).toEqual([
      ['segment.entered', 'segment.entered', 1000],
      ['segment.entered', 'segment.entered', 1000],
      ['segment.entered', 'segment.entered', 500],
      ['segment.left', 'segment.left', 1],
    ]);
    expect(received[0].body.segment).toEqual({ documentId: seg.documentId, name: 'Scored 10000+' });
  });
});

describe('a refresh past the query time bound', () => {
  /** 499 `contains` rules read every contact's email: seconds of work, far past a 20 ms bound. */
  const SLOW = {
    combinator: 'or',
    rules: [rule('leadScore', '>=', 12_400), ...Array.from({ length: 499 }, (_, i) => rule('email', 'contains', `Ünmatched-${i}`))],
  };
  afterEach(() => t.strapi.config.set('plugin::segments.queryTimeoutMs', undefined));

  it('is recorded as failed, answers 503 with words and changes nothing; the next one does the work once', async () => {
    const seg = (await api.create('Slow', SLOW, { watched: true })).body.data;
    // The tree takes seconds: a busy machine must not turn the refreshes meant to succeed into timeouts.
    const generous = () => t.strapi.config.set('plugin::segments.queryTimeoutMs', 300_000);
    generous();
    expect((await api.refresh(seg.documentId)).body.data).toMatchObject({ count: 99 });
    await docs().update({
      documentId: (await docs().findFirst({ filters: { email: 'bulk12450@example.com' } })).documentId,
      data: { leadScore: 3 },
    });

    t.strapi.config.set('plugin::segments.queryTimeoutMs', 20);
    const res = await api.refresh(seg.documentId);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/refresh of "Slow" failed and changed nothing: .*took longer than 20 ms/);
    expect((await api.changes(seg.documentId)).body.data).toEqual([]);
    const got = (await api.get(seg.documentId)).body.data;
    expect(got.lastRefresh).toMatchObject({ status: 'failed', count: null, entered: 0, left: 0, error: expect.stringMatching(/20 ms/) });
    expect((await api.history(seg.documentId)).body.data.map((h: any) => h.status)).toEqual(['ok', 'failed']);

    generous();
    expect((await api.refresh(seg.documentId)).body.data).toMatchObject({ count: 98, entered: 0, left: 1 });
    expect((await api.changes(seg.documentId)).body.data.map((c: Change) => c.contact.email)).toEqual(['bulk12450@example.com']);
    await api.put(seg.documentId, { watched: false }); // the scheduled task below need not spend seconds on it
  });
});

describe('the scheduled task and retention', () => {
  it('refreshes watched active segments that are due, skips the rest, and prunes old changes and history', async () => {
    const watch = t.strapi.plugin('segments').service('watch');
    const due = (await api.create('Due', group(rule('leadScore', '<', 3)), { watched: true })).body.data;
    const archived = (await api.create('Archived', group(rule('leadScore', '<', 3)), { watched: true })).body.data;
    await t.request.post(`/segments/segments/${archived.documentId}/archive`).set(admin.headers).expect(200);
    const historyCount = async (documentId: string) => (await api.history(documentId)).body.data.length;

    t.strapi.config.set('plugin::segments.watch', { intervalSeconds: 3600, retentionDays: 90 });
    try {
      await watch.tick();
      expect([await historyCount(due.documentId), await historyCount(archived.documentId)]).toEqual([1, 0]);
      await watch.tick(); // not due again within the hour
      expect(await historyCount(due.documentId)).toBe(1);

      // changes and history older than the retention go; younger stay
      const old = Date.now() - 91 * 24 * 3600 * 1000;
      const dueId = (await api.get(due.documentId)).body.data.id;
      await createContact({ leadScore: 1 });
      t.strapi.config.set('plugin::segments.watch', { intervalSeconds: 1, retentionDays: 90 });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await watch.tick();
      expect((await api.changes(due.documentId)).body.data).toHaveLength(1);
      const knex = t.strapi.db.connection;
      await knex('segments_watch_changes').where({ segment_id: dueId }).update({ at: old });
      const [firstHistory] = await knex('segments_watch_history').where({ segment_id: dueId }).orderBy('id').limit(1);
      await knex('segments_watch_history').where({ id: firstHistory.id }).update({ at: old });
      await watch.tick();
      expect((await api.changes(due.documentId)).body.data).toEqual([]);
      const history = await knex('segments_watch_history').where({ segment_id: dueId });
      expect(history.length).toBeGreaterThanOrEqual(2);
      expect(history.every((h: any) => Number(h.at) > old)).toBe(true);
    } finally {
      t.strapi.config.set('plugin::segments.watch', { intervalSeconds: 300, retentionDays: 90 });
    }
  });

  it("is registered with Strapi's cron (paused in the tests: no tick races their own refreshes)", () => {
    const jobs = (t.strapi.cron as any).jobs as { name: string | null; options: unknown; job: { isRunning(): boolean } }[];
    expect(jobs.filter((j) => j.name === 'segments-watch').map((j) => j.options)).toEqual([{ rule: '0 * * * * *' }]);
    // Strapi starts its cron whatever server.cron.enabled says; tests/helpers/strapi.ts pauses it.
    expect(jobs.filter((j) => j.name === 'segments-watch').map((j) => j.job.isRunning())).toEqual([false]);
  });
});

describe('permissions', () => {
  it('reading the feed and history needs read; watching and refreshing need update', async () => {
    const seg = (await api.create('Guarded', group(rule('leadScore', '<', 2)), { watched: true })).body.data;
    const reader = await createAdminAndLogin(t.strapi, t.request, { permissions: ['plugin::segments.read'] });
    expect((await api.changes(seg.documentId, {}, reader.headers)).status).toBe(200);
    expect((await api.history(seg.documentId, {}, reader.headers)).status).toBe(200);
    expect((await api.refresh(seg.documentId, reader.headers)).status).toBe(403);
    expect((await t.request.put(`/segments/segments/${seg.documentId}`).set(reader.headers).send({ watched: false })).status).toBe(403);
    const editor = await createAdminAndLogin(t.strapi, t.request, { permissions: ['plugin::segments.update'] });
    expect((await api.refresh(seg.documentId, editor.headers)).status).toBe(200);
    expect((await api.changes(seg.documentId, {}, editor.headers)).status).toBe(403);
    expect(
      (await t.request.put(`/segments/segments/${seg.documentId}`).set(editor.headers).send({ watched: false })).body.data.watched,
    ).toBe(false);
  });
});
