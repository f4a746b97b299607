import type { RoleId } from "../../content/index.ts";
import type { ArticleActivityEffect } from "./article-effect.types.ts";
import { NO_ARTICLES } from "./article-finder.port.ts";
import { findCategory } from "./conversation.settings.ts";
import type { ArticleOfferMode, ConversationState, Draft } from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision } from "./decision.ts";
import { nextOpenStep } from "./intake.checklist.ts";
import { show } from "./transitions.ts";
import { validateDescription } from "./validators/description.validator.ts";

/** The question the intake asks after the description: "Belum" goes on there. */
export function resumeAfter(draft: Draft, ctx: Ctx): NonNullable<ArticleOfferMode["resumeTo"]> {
  const next = nextOpenStep(draft, ctx.settings);
  return next === null
    ? { type: "summary", failures: 0 }
    : { type: "intake", step: next, failures: 0, editing: false };
}

/**
 * Offers up to three articles matching what the user wrote. With no strong
 * match the conversation goes on as it would have (`fallback`), and the search
 * is counted as one with no good match.
 */
export function offerArticles(
  state: ConversationState,
  input: {
    readonly text: string;
    readonly role: RoleId | null;
    readonly resumeTo: ArticleOfferMode["resumeTo"];
  },
  ctx: Ctx,
  fallback: () => Decision,
): Decision {
  if (ctx.articles === NO_ARTICLES) return fallback();
  const context = input.resumeTo === null ? "free" : "intake";
  const hits = ctx.articles.search({
    text: input.text,
    language: state.language,
    role: input.role,
  });
  if (hits.length === 0) {
    const otherwise = fallback();
    const noMatch: ArticleActivityEffect = {
      type: "articleActivity",
      activity: "noMatch",
      context,
      offeredAt: null,
      articleIds: [],
      query: input.text,
    };
    return decision(otherwise.state, noMatch, ...otherwise.effects);
  }
  const mode: ArticleOfferMode = {
    type: "articleOffer",
    offeredAt: ctx.at,
    articles: hits.slice(0, 3).map((hit) => ({
      id: hit.id,
      title: hit.title,
      category: hit.category,
    })),
    resumeTo: input.resumeTo,
    // Outside a request the message is kept: a request filed after all starts with it.
    text: input.resumeTo === null ? input.text : null,
    failures: 0,
  };
  const offered: ArticleActivityEffect = {
    type: "articleActivity",
    activity: "offered",
    context,
    offeredAt: ctx.at,
    articleIds: mode.articles.map((article) => article.id),
    query: input.text,
  };
  return show(state, mode, ctx, [], offered);
}

/** The description step: articles for what the user described, before the next question. */
export function offerForDescription(
  state: ConversationState,
  draft: Draft,
  ctx: Ctx,
  goOn: () => Decision,
): Decision {
  if (draft.description === null) return goOn();
  return offerArticles(
    { ...state, draft },
    { text: draft.description, role: draft.role, resumeTo: resumeAfter(draft, ctx) },
    ctx,
    goOn,
  );
}

/** A new draft that starts with what the user already said (the category of the article read, their message). */
export function seedDraft(
  draft: Draft,
  seed: { category: string | null; description: string | null },
  ctx: Ctx,
): Draft {
  const category = findCategory(ctx.settings, seed.category)?.id ?? null;
  const description =
    seed.description === null
      ? null
      : validateDescription(seed.description, ctx.settings.descriptionMinChars);
  return {
    ...draft,
    category,
    description: description?.ok === true ? description.value : null,
  };
}
