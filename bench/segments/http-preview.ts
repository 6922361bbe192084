/**
 * POST /segments/preview over a real socket, as the admin panel sends it: admin JWT, JSON body
 * `{ filters, limit }`, the answer parsed (parsing is part of the round trip a client pays).
 */
import type { FilterGroup } from '../../shared/filter-tree';
import type { PreviewAnswer } from './edit-scenario';

export function httpPreview(baseUrl: string, token: string) {
  return async (filters: FilterGroup): Promise<PreviewAnswer> => {
    const res = await fetch(`${baseUrl}/segments/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filters, limit: 10 }),
    });
    const body = (await res.json()) as { count?: number; asOf?: string; error?: { message?: string } };
    if (res.status !== 200 || typeof body.count !== 'number') {
      throw new Error(`POST /segments/preview answered ${res.status}: ${body.error?.message ?? JSON.stringify(body)}`);
    }
    return { count: body.count, ...(body.asOf && { asOf: body.asOf }) };
  };
}

/**
 * POST /segments/preview/contacts the same way: the first 10 contacts without the count, what the
 * editor shows first (it asks for the count at the same time). Resolves to how many came back.
 */
export function httpFirstContacts(baseUrl: string, token: string) {
  return async (filters: FilterGroup): Promise<number> => {
    const res = await fetch(`${baseUrl}/segments/preview/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filters, limit: 10 }),
    });
    const body = (await res.json()) as { contacts?: unknown[]; error?: { message?: string } };
    if (res.status !== 200 || !Array.isArray(body.contacts)) {
      throw new Error(`POST /segments/preview/contacts answered ${res.status}: ${body.error?.message ?? JSON.stringify(body)}`);
    }
    return body.contacts.length;
  };
}
