/** A contact as the plugin shows one: in previews, member pages and the change feed. */
export interface ContactIdentity {
  documentId: string;
  name: string;
  email: string | null;
}

/** A row of a preview or member page. */
export interface ContactSummary extends ContactIdentity {
  id: number;
  company: string | null;
}
