/**
 * `segment.entered` and `segment.left` on Strapi's event hub, one per kind and batch of changes of a
 * refresh, and the webhook events of the same names (Settings → Webhooks lists them).
 */
import type { Core } from '@strapi/strapi';
import type { Change } from '../repositories/watch-repository';

export const WATCH_EVENTS = { entered: 'segment.entered', left: 'segment.left' } as const;

/** Contacts per event: a webhook body stays well under a megabyte. */
export const EVENT_BATCH = 1_000;

export function registerWebhookEvents(strapi: Core.Strapi): void {
  const store = strapi.get('webhookStore') as { addAllowedEvent(key: string, value: string): void };
  store.addAllowedEvent('SEGMENT_ENTERED', WATCH_EVENTS.entered);
  store.addAllowedEvent('SEGMENT_LEFT', WATCH_EVENTS.left);
}

/** Emits a refresh's changes, read back from the feed a page at a time after cursor `after`. */
export async function announce(
  strapi: Core.Strapi,
  segment: { documentId: string; name: string },
  at: string,
  page: (after: number, limit: number) => Promise<Change[]>,
  after: number,
): Promise<void> {
  for (let cursor = after; ; ) {
    const changes = await page(cursor, EVENT_BATCH);
    if (changes.length === 0) return;
    for (const kind of ['entered', 'left'] as const) {
      const contacts = changes.filter((c) => c.kind === kind).map((c) => c.contact);
      if (contacts.length > 0)
        await strapi.eventHub.emit(WATCH_EVENTS[kind], { segment: { documentId: segment.documentId, name: segment.name }, contacts, at });
    }
    cursor = Number(changes.at(-1)!.cursor);
  }
}
