/**
 * String helpers for generated values. Pure.
 */

/**
 * A name as it appears in an email address or domain: ASCII letters and digits only, lower case,
 * transliterated the way people write it (Müller → mueller, Søren → soren, Łukasz → lukasz).
 */
export function fold(s: string): string {
  return s
    .replace(/ß/g, 'ss')
    .replace(/[ØøŁłıƒ]/g, (c) => ({ Ø: 'O', ø: 'o', Ł: 'L', ł: 'l', ı: 'i', ƒ: 'f' })[c] ?? c)
    .replace(/[äöüÄÖÜ]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' })[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

/** Upper-cases the first letter of each part of an address (`anna.schmidt@x` → `Anna.Schmidt@X`): the mixed-case emails real CRMs hold. */
export function capitalizeParts(s: string) {
  return s.replace(/(^|[.\-_@])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** A calendar date (`YYYY-MM-DD`, UTC), the form Strapi stores `date` attributes in. */
export function isoDate(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}
