/** A stored datetime as ISO text; null when absent. SQLite hands datetimes back as epoch milliseconds (number or numeric string). */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date =
    value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
