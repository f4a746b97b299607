// The office's article folder (ARTICLES_DIR): one Markdown file per article.
// A broken file is reported and skipped, never fatal: the other articles stay
// searchable and the office is told what to fix.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../../domain/knowledge/article.schema.ts";
import { parseArticleMarkdown } from "./article-markdown.ts";

/** The set shipped with the bot (core/content/articles). */
export const SHIPPED_ARTICLES_DIR = fileURLToPath(
  new URL("../../content/articles/", import.meta.url),
);

export interface ArticleFile {
  readonly article: Article;
  readonly markdown: string;
  /** sha256 of the file's text: an unchanged file is not imported again. */
  readonly hash: string;
}

export interface ArticleFolder {
  readonly files: ArticleFile[];
  readonly problems: { file: string; problem: string }[];
}

export const markdownHash = (markdown: string) =>
  createHash("sha256").update(markdown).digest("hex");

export async function readArticleFolder(dir: string): Promise<ArticleFolder> {
  const names = (await readdir(dir)).filter(
    (name) => name.endsWith(".md") && name.toLowerCase() !== "readme.md",
  );
  const files: ArticleFile[] = [];
  const problems: { file: string; problem: string }[] = [];
  for (const name of names.sort()) {
    const markdown = await readFile(path.join(dir, name), "utf8");
    const parsed = parseArticleMarkdown(markdown);
    if (!parsed.ok) problems.push({ file: name, problem: parsed.error });
    else if (`${parsed.value.id}.md` !== name) {
      problems.push({ file: name, problem: `id "${parsed.value.id}" harus sama dengan nama file` });
    } else files.push({ article: parsed.value, markdown, hash: markdownHash(markdown) });
  }
  return { files, problems };
}
