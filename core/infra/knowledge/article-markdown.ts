// An article file: a YAML front matter between two "---" lines, the
// Indonesian body, and optionally "<!-- en -->" followed by the English body.
// The same text is what a supervisor sends with `/artikel tulis`.
import { parse as parseYaml } from "yaml";
import { type Article, articleSchema } from "../../domain/knowledge/article.schema.ts";
import { err, ok, type Result } from "../../domain/shared/result.ts";

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/u;
const ENGLISH_MARKER = /^[ \t]*<!--\s*en\s*-->[ \t]*$/imu;

/** Front matter keys as the office writes them. */
const KEYS: Record<string, keyof Article> = {
  id: "id",
  title: "title",
  title_en: "titleEn",
  category: "category",
  kategori: "category",
  keywords: "keywords",
  kata_kunci: "keywords",
  audience: "audience",
  untuk: "audience",
  last_reviewed: "lastReviewed",
  status: "status",
};

function list(value: unknown): unknown {
  if (typeof value === "string") return value.split(",").map((part) => part.trim());
  return value ?? [];
}

function dateText(value: unknown): unknown {
  // YAML reads 2026-11-30 as a Date; the schema wants the text.
  return value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null);
}

/** Parses one article; the error lists what is wrong, in Bahasa Indonesia first. */
export function parseArticleMarkdown(markdown: string): Result<Article, string> {
  const match = FRONT_MATTER.exec(markdown);
  if (!match) {
    return err(
      "Front matter tidak ditemukan: mulai dengan baris ---, lalu id, title, ..., lalu ---",
    );
  }
  let meta: unknown;
  try {
    meta = parseYaml(match[1] ?? "");
  } catch (cause) {
    return err(`Front matter bukan YAML yang sah / invalid YAML: ${(cause as Error).message}`);
  }
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) {
    return err("Front matter harus berisi pasangan kunci: nilai / must hold key: value pairs");
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    const field = KEYS[key.toLowerCase()];
    if (field === undefined) return err(`Kunci tidak dikenal / unknown key: ${key}`);
    fields[field] = value;
  }
  const [body = "", english] = (match[2] ?? "").split(ENGLISH_MARKER);
  const parsed = articleSchema.safeParse({
    ...fields,
    titleEn: fields.titleEn ?? null,
    category: fields.category === "null" ? null : (fields.category ?? null),
    keywords: list(fields.keywords),
    audience: list(fields.audience),
    lastReviewed: dateText(fields.lastReviewed),
    status: fields.status ?? "published",
    body: body.trim(),
    bodyEn: english?.trim() ? english.trim() : null,
  });
  if (!parsed.success) {
    return err(
      parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "artikel"}: ${issue.message}`)
        .join("; "),
    );
  }
  return ok(parsed.data);
}
