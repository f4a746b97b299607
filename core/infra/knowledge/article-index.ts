// The search over the published articles: MiniSearch (BM25 with fuzzy and
// prefix matching) on the office's own terms (search-terms.ts). It lives in
// memory: a few dozen articles index in milliseconds, and the embedded
// database works exactly like PostgreSQL.
import MiniSearch, { type SearchResult } from "minisearch";
import type { Language, RoleId } from "../../content/index.ts";
import type {
  ArticleFinder,
  ArticleHit,
  ArticleText,
} from "../../domain/conversation/article-finder.port.ts";
import {
  type ArticleRenderContext,
  articleSearchText,
  renderArticle,
} from "../../domain/knowledge/article.renderer.ts";
import type { Article, ArticleAudience } from "../../domain/knowledge/article.schema.ts";
import { analyse, MAX_QUERY_CHARS, termsOf, tokenize } from "./search-terms.ts";

/**
 * When a match is strong enough to offer. Measured on the phrasings of
 * test/fixtures/knowledge/phrasings.json (see docs/features.md, "Search").
 */
export const MATCH_THRESHOLDS = {
  /** Share of the informative words of the message an article must match. */
  minCoverage: 0.4,
  /** BM25 score of the best article, below which nothing is offered. */
  minScore: 9.5,
  /** Further articles are offered when they score this share of the best. */
  relativeScore: 0.5,
  maxOffered: 3,
} as const;

const ROLE_AUDIENCE: Partial<Record<RoleId, ArticleAudience>> = {
  PENYEDIA: "penyedia",
  PPK: "ppk",
  POKJA_PEMILIHAN: "pokja",
};

interface IndexedArticle {
  id: string;
  title: string;
  keywords: string;
  category: string;
  body: string;
}

export interface ScoredHit {
  readonly id: string;
  readonly score: number;
  readonly coverage: number;
}

export interface ArticleIndex extends ArticleFinder {
  /** Every candidate with its score and coverage, best first (for measuring). */
  rank(text: string, role?: RoleId | null): ScoredHit[];
  readonly size: number;
}

function searchOptions() {
  return {
    boost: { keywords: 3, title: 2, category: 1.5, body: 1 },
    combineWith: "OR" as const,
    prefix: (term: string) => term.length >= 5,
    fuzzy: (term: string) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0),
    weights: { fuzzy: 0.6, prefix: 0.4 },
  };
}

export function buildArticleIndex(
  articles: readonly Article[],
  render: ArticleRenderContext,
): ArticleIndex {
  const published = new Map(
    articles.filter((article) => article.status === "published").map((a) => [a.id, a]),
  );
  const search = new MiniSearch<IndexedArticle>({
    fields: ["title", "keywords", "category", "body"],
    tokenize,
    processTerm: (term) => termsOf(term),
    searchOptions: searchOptions(),
  });
  search.addAll(
    [...published.values()].map((article) => {
      const category = render.settings.categories.find((c) => c.id === article.category);
      const text = articleSearchText(article);
      return {
        id: article.id,
        title: text.title,
        keywords: article.keywords.join(" \n "),
        category: category
          ? [category.label.id, category.label.en, ...category.keywords].join(" \n ")
          : "",
        body: text.body,
      };
    }),
  );

  function forRole(id: string, role: RoleId | null | undefined): boolean {
    const audience = role ? ROLE_AUDIENCE[role] : undefined;
    return audience === undefined || (published.get(id)?.audience.includes(audience) ?? false);
  }

  function rank(text: string, role: RoleId | null = null): ScoredHit[] {
    const query = text.slice(0, MAX_QUERY_CHARS);
    const words = analyse(query);
    if (words.length === 0) return [];
    const results: SearchResult[] = search.search(query);
    return results
      .filter((result) => forRole(String(result.id), role))
      .map((result) => {
        const matched = new Set(result.queryTerms);
        const covered = words.filter((terms) => terms.some((term) => matched.has(term))).length;
        return { id: String(result.id), score: result.score, coverage: covered / words.length };
      });
  }

  function hit(id: string): ArticleHit {
    const article = published.get(id) as Article;
    return {
      id,
      title: { id: article.title, en: article.titleEn ?? article.title },
      category: article.category,
    };
  }

  return {
    size: published.size,
    rank,
    search({ text, role }) {
      const { minCoverage, minScore, relativeScore, maxOffered } = MATCH_THRESHOLDS;
      const strong = rank(text, role).filter((h) => h.coverage >= minCoverage);
      const best = strong[0];
      if (best === undefined || best.score < minScore) return [];
      return strong
        .filter((h) => h.score >= best.score * relativeScore)
        .slice(0, maxOffered)
        .map((h) => hit(h.id));
    },
    open(id: string, language: Language): ArticleText | null {
      const article = published.get(id);
      if (article === undefined) return null;
      const text = renderArticle(article, language, render);
      return { id, title: text.title, body: text.body, category: article.category };
    },
  };
}
