// The help articles of one process: imports the article folder at start,
// builds the search index from the published versions, and rebuilds it when
// an article changes: at once in the process that published it, and within
// a minute in the others (they compare a revision stamp).
import type { Language } from "../content/index.ts";
import type { ArticleFinder, ArticleHit } from "../domain/conversation/index.ts";
import type { ArticleRenderContext } from "../domain/knowledge/article.renderer.ts";
import { unknownPlaceholders } from "../domain/knowledge/article.renderer.ts";
import type { Article } from "../domain/knowledge/article.schema.ts";
import type { PrismaClient } from "../infra/db.ts";
import { readArticleFolder } from "../infra/knowledge/article-files.ts";
import { type ArticleIndex, buildArticleIndex } from "../infra/knowledge/article-index.ts";
import { parseArticleMarkdown } from "../infra/knowledge/article-markdown.ts";
import type { Logger } from "../infra/logger.ts";
import {
  articleRevision,
  importArticleFiles,
  publishedMarkdown,
} from "../infra/stores/article.store.ts";

export const KB_REFRESH_MS = 60_000;

export interface KnowledgeBase {
  /** For the conversation engine: always the current index. */
  readonly finder: ArticleFinder;
  /** Published articles, parsed (the desk lists them). */
  articles(): readonly Article[];
  /** Rebuilds the index from the database now (after a publish). */
  reload(): Promise<void>;
  /** Rebuilds only when another process published something. */
  refreshIfChanged(): Promise<boolean>;
  /** Problems of an article that parses: placeholders that cannot be filled. */
  check(article: Article): string[];
  readonly render: ArticleRenderContext;
  close(): void;
}

export async function startKnowledgeBase(opts: {
  prisma: PrismaClient;
  /** ARTICLES_DIR. */
  dir: string;
  render: ArticleRenderContext;
  logger: Logger;
  now?: () => Date;
  /** How often other processes' publishes are looked for; 0: never (tests). */
  refreshMs?: number;
}): Promise<KnowledgeBase> {
  const log = opts.logger.child({ component: "knowledge-base" });
  const now = opts.now ?? (() => new Date());
  const folder = await readArticleFolder(opts.dir);
  for (const { file, problem } of folder.problems) {
    log.warn({ file, problem }, "Article file skipped; fix it in ARTICLES_DIR");
  }
  const imported = await importArticleFiles(opts.prisma, folder.files, now());
  if (imported.length > 0) log.info({ imported }, "Article files imported");

  let index: ArticleIndex = buildArticleIndex([], opts.render);
  let published: Article[] = [];
  let revision = "";

  async function reload() {
    revision = await articleRevision(opts.prisma);
    const rows = await publishedMarkdown(opts.prisma);
    const parsed: Article[] = [];
    for (const row of rows) {
      const article = parseArticleMarkdown(row.markdown);
      if (article.ok) parsed.push(article.value);
      else log.warn({ articleId: row.articleId, problem: article.error }, "Article unreadable");
    }
    published = parsed;
    index = buildArticleIndex(parsed, opts.render);
    log.info({ articles: index.size }, "Article index built");
  }
  await reload();

  async function refreshIfChanged() {
    if ((await articleRevision(opts.prisma)) === revision) return false;
    await reload();
    return true;
  }

  const refreshMs = opts.refreshMs ?? KB_REFRESH_MS;
  const timer =
    refreshMs > 0
      ? setInterval(() => {
          refreshIfChanged().catch((err: unknown) => log.warn({ err }, "Article refresh failed"));
        }, refreshMs)
      : null;
  timer?.unref();

  const finder: ArticleFinder = {
    search: (input): readonly ArticleHit[] => index.search(input),
    open: (id: string, language: Language) => index.open(id, language),
  };
  return {
    finder,
    articles: () => published,
    reload,
    refreshIfChanged,
    check: (article) => unknownPlaceholders(article, opts.render),
    render: opts.render,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
