/**
 * The plugin config the admin pages read:
 *
 *   GET /segments/settings   [read]   → { data: PanelSettings }
 */
export interface PanelSettings {
  /** A segment count older than this (seconds) is retaken when the Segments page shows it; 0: every time. */
  countMaxAgeSeconds: number;
  /** The contact content type's uid, for links to the Content Manager. */
  contactType: string;
}
