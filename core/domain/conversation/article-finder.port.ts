import type { Language, Localized, RoleId } from "../../content/index.ts";

/**
 * The help articles as the engine sees them. The search itself (an index, a
 * stemmer) lives outside the domain; the app hands an implementation to
 * `createDecider`. Both calls are synchronous reads of an in-memory index.
 */

export interface ArticleHit {
  readonly id: string;
  readonly title: Localized;
  /** The problem category it is about, if any: "Belum" then files the request under it. */
  readonly category: string | null;
}

export interface ArticleText {
  readonly id: string;
  readonly title: string;
  /** Plain chat text, placeholders already filled in. */
  readonly body: string;
  readonly category: string | null;
}

export interface ArticleFinder {
  /** Up to three strong matches, best first; empty when the best match is weak. */
  search(input: {
    readonly text: string;
    readonly language: Language;
    /** The user's role, when the intake knows it: articles for other audiences are left out. */
    readonly role: RoleId | null;
  }): readonly ArticleHit[];
  /** The published text of one article in `language`; null once withdrawn. */
  open(id: string, language: Language): ArticleText | null;
}

/** No articles at all: self-service is off. */
export const NO_ARTICLES: ArticleFinder = {
  search: () => [],
  open: () => null,
};
