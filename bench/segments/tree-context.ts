/**
 * What three trees need from the seeded data: the saved chain A ← B ← C and the LATTICE (created
 * through the service, so the save-time checks run), and 50 emails that exist.
 */
import type { Core } from '@strapi/strapi';
import type { Names } from './schema-names';
import { CHAIN, LATTICE, type TreeContext } from './trees';

export async function prepareTreeContext(strapi: Core.Strapi, n: Names, contacts: number): Promise<TreeContext> {
  const segments = strapi.plugin('segments').service('segments');
  const a = await segments.create({ name: CHAIN.a.name, filters: CHAIN.a.filters() });
  const b = await segments.create({ name: CHAIN.b.name, filters: CHAIN.b.filters(a.documentId) });
  const c = await segments.create({ name: CHAIN.c.name, filters: CHAIN.c.filters(b.documentId) });

  let below: string[] = [];
  for (let level = 0; level < LATTICE.levels; level += 1) {
    const here: string[] = [];
    for (let i = 0; i < LATTICE.width; i += 1) {
      here.push((await segments.create({ name: LATTICE.name(level, i), filters: LATTICE.filters(level, i, below) })).documentId);
    }
    below = here;
  }

  // Spread over the whole id range (ids are sequential from 1), so the list is not one batch's.
  const step = Math.max(1, Math.floor(contacts / 60));
  const rows = (await strapi.db
    .connection(n.contacts)
    .select(n.c.email)
    .whereNotNull(n.c.email)
    .whereNot(n.c.email, '')
    .whereRaw(`id % ? = 0`, [step])
    .orderBy('id')
    .limit(50)) as Record<string, string>[];
  // Every third one upper-cased: the rule must still find it (comparisons are case-insensitive).
  const emails = rows.map((r, i) => (i % 3 === 0 ? r[n.c.email].toUpperCase() : r[n.c.email]));
  if (emails.length < 50 && contacts >= 1000) throw new Error(`only ${emails.length} emails found for the 50-value list`);
  // Sent by now, as the hand SQL's "last N" always were (docs/semantics.md#engagement: latest first, ties to the later created).
  const last = (await strapi.db
    .connection(n.campaigns)
    .select('id')
    .where(n.m.sentAt, '<=', new Date())
    .orderBy([
      { column: n.m.sentAt, order: 'desc' },
      { column: n.m.createdAt, order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(5)) as Array<{ id: number | string }>;
  return { chainTip: c.documentId, emails, latticeTop: below, lastCampaigns: last.map((row) => Number(row.id)) };
}
