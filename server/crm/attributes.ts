/** Strapi attribute facts shared by the mapping check and the catalog introspection. */
export const TO_ONE = new Set(['manyToOne', 'oneToOne']);
export const TO_MANY = new Set(['oneToMany', 'manyToMany']);

/** Attributes Strapi adds to every content type: never filterable, never mappable. */
export const INTERNAL_ATTRIBUTES = new Set(['id', 'documentId', 'publishedAt', 'locale', 'localizations', 'createdBy', 'updatedBy']);
