import { z } from "zod";

/**
 * The two questions of a self-service answer: "which article?" and, once one
 * was read, "did it solve the problem?". Built from the parts of the state
 * schema they reuse, so this file needs nothing from it (no import cycle).
 */
export function articleModeSchemas<
  F extends z.ZodType<number>,
  A extends z.ZodType<string>,
  R extends z.ZodType,
>(parts: { failures: F; at: A; resumeTo: R }) {
  const localizedTitle = z.object({ id: z.string().min(1), en: z.string().min(1) });
  const hit = z.object({
    id: z.string().min(1).max(60),
    title: localizedTitle,
    category: z.string().nullable(),
  });
  const common = {
    /** When the articles were offered: with the contact, it names the offer in the statistics. */
    offeredAt: parts.at,
    articles: z.array(hit).min(1).max(3),
    /**
     * The intake question that comes next ("Belum" goes on there, nothing
     * asked again); null when the articles were offered outside a request.
     */
    resumeTo: parts.resumeTo.nullable(),
    /** Outside a request: the user's message, the description of a request filed after all. */
    text: z.string().nullable(),
    failures: parts.failures,
  };
  return {
    articleOfferModeSchema: z.object({ type: z.literal("articleOffer"), ...common }),
    articleShownModeSchema: z.object({
      type: z.literal("articleShown"),
      ...common,
      articleId: z.string().min(1).max(60),
      /** The category of the article read, for a request filed after it. */
      category: z.string().nullable(),
    }),
  };
}
