// Statistics of the self-service answers: one kb_events row per offer, open and
// answer. No contact id and no text: the offer is named by a keyed hash of the
// contact and the offer's time, the query by a keyed hash of its normalised
// terms; a search with no match keeps only its redacted terms (no-match-terms.ts).
import type { ArticleActivityEffect } from "../domain/conversation/index.ts";
import type { Cipher } from "../infra/crypto.ts";
import type { Contact } from "../infra/db.ts";
import { noMatchTerms, queryKey } from "../infra/knowledge/no-match-terms.ts";
import type { Tx } from "../infra/stores/tx.ts";

const ACTIVITY = {
  offered: "OFFERED",
  opened: "OPENED",
  resolved: "RESOLVED",
  notResolved: "NOT_RESOLVED",
  noMatch: "NO_MATCH",
} as const;

export async function recordArticleActivity(
  tx: Tx,
  cipher: Cipher,
  contact: Pick<Contact, "id" | "channel">,
  effect: ArticleActivityEffect,
  at: string,
): Promise<void> {
  const terms = effect.activity === "noMatch" ? noMatchTerms(effect.query ?? "") : [];
  // "halo", a number, a name: nothing a new article could answer.
  if (effect.activity === "noMatch" && terms.length === 0) return;
  const key = effect.query === undefined ? "" : queryKey(effect.query);
  await tx.kbEvent.create({
    data: {
      at: new Date(at),
      activity: ACTIVITY[effect.activity],
      channel: contact.channel,
      context: effect.context,
      offerId:
        effect.offeredAt === null
          ? null
          : cipher.hash("kb-offer", `${contact.id}|${effect.offeredAt}`).slice(0, 32),
      articleId: effect.articleIds[0] ?? null,
      offered: effect.activity === "offered" ? [...effect.articleIds] : [],
      queryHash: key === "" ? null : cipher.hash("kb-query", key).slice(0, 32),
      terms,
    },
  });
}
