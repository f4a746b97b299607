import { z } from "zod";

/** Who an article is written for (front matter `audience`). */
export const ARTICLE_AUDIENCES = ["penyedia", "ppk", "pokja"] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];

/** Long enough for a full answer, short enough for one Telegram (4096) or WhatsApp message. */
export const ARTICLE_BODY_MAX_CHARS = 3000;

export const ARTICLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

/** One help article as the office writes it (a Markdown file with a front matter). */
export const articleSchema = z.object({
  id: z.string().max(60).regex(ARTICLE_ID, "huruf kecil, angka dan tanda - / a-z, 0-9 and -"),
  title: z.string().trim().min(3).max(120),
  titleEn: z.string().trim().min(3).max(120).nullable(),
  /** A problem category id (core/content/categories.content.ts), or null for general articles. */
  category: z
    .string()
    .regex(/^[A-Z0-9_]{1,40}$/u)
    .nullable(),
  keywords: z.array(z.string().trim().min(1).max(60)).max(40),
  audience: z.array(z.enum(ARTICLE_AUDIENCES)).min(1),
  lastReviewed: z.iso.date().nullable(),
  /** `template`: a procedure only the office can write; never shown to users. */
  status: z.enum(["published", "template"]),
  body: z.string().trim().min(1).max(ARTICLE_BODY_MAX_CHARS),
  bodyEn: z.string().trim().min(1).max(ARTICLE_BODY_MAX_CHARS).nullable(),
});
export type Article = z.infer<typeof articleSchema>;
