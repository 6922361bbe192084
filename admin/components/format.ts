const number = new Intl.NumberFormat();
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatCount = (n: number | null | undefined) => (n == null ? '—' : number.format(n));
export const formatDate = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
