/** What users do with the help articles, for the statistics (recorded without personal data). */
export interface ArticleActivityEffect {
  readonly type: "articleActivity";
  readonly activity: "offered" | "opened" | "resolved" | "notResolved" | "noMatch";
  /** "intake": offered at the description step; "free": for a message outside a request. */
  readonly context: "intake" | "free";
  /** Names the offer (with the contact); null for a search with no match. */
  readonly offeredAt: string | null;
  /** Offered: every article offered, best first; otherwise the one article (none for noMatch). */
  readonly articleIds: readonly string[];
  /**
   * What was searched (offered and noMatch only). The app keeps a keyed hash of
   * its normalised terms, or for noMatch the terms after redaction; never this text.
   */
  readonly query?: string;
}
