import {
  ARTICLE_GONE,
  ARTICLE_NOT_SOLVED,
  articleSolved,
  type Localized,
  localized,
} from "../../content/index.ts";
import type { ArticleActivityEffect } from "./article-effect.types.ts";
import { matchOption } from "./choice.matcher.ts";
import { chooseFrom } from "./choice.step.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type {
  ArticleOfferMode,
  ArticleShownMode,
  ConversationState,
} from "./conversation-state.schema.ts";
import { type Ctx, type Decision, decision } from "./decision.ts";
import { startIntake } from "./intake.flow.ts";
import { offerArticles } from "./self-service.offer.ts";
import {
  ARTICLE_OPTION_IDS,
  articleFeedbackOptions,
  articleOfferOptions,
  articleOptionId,
} from "./self-service.prompt.ts";
import { show, showMenu } from "./transitions.ts";

/**
 * Answers to the two self-service questions. In a request, "Belum" (or "carry
 * on") returns to the very question the intake was about to ask; outside one,
 * it starts a request with what the user already told us.
 */

function activity(
  mode: ArticleOfferMode | ArticleShownMode,
  kind: ArticleActivityEffect["activity"],
  articleId: string,
): ArticleActivityEffect {
  return {
    type: "articleActivity",
    activity: kind,
    context: mode.resumeTo === null ? "free" : "intake",
    offeredAt: mode.offeredAt,
    articleIds: [articleId],
  };
}

/** A message outside any flow: articles when they match, else `fallback` (the menu). */
export function offerOutsideFlow(
  state: ConversationState,
  event: UserEvent,
  ctx: Ctx,
  fallback: () => Decision,
): Decision {
  // A paused request keeps its place; the menu tells the user about it.
  if (event.type !== "text" || state.draft !== null) return fallback();
  return offerArticles(state, { text: event.text, role: null, resumeTo: null }, ctx, fallback);
}

/** Goes on with the request: the question it was about to ask, or a new one seeded with the message. */
function carryOn(
  state: ConversationState,
  mode: ArticleOfferMode | ArticleShownMode,
  category: string | null,
  ctx: Ctx,
  before: readonly Localized[],
  ...extra: readonly ArticleActivityEffect[]
): Decision {
  const next =
    mode.resumeTo !== null && state.draft !== null
      ? show(state, mode.resumeTo, ctx, before)
      : startIntake({ ...state, draft: null }, ctx, before, {
          category,
          description: mode.text,
        });
  return decision(next.state, ...extra, ...next.effects);
}

function openArticle(
  state: ConversationState,
  mode: ArticleOfferMode,
  index: number,
  ctx: Ctx,
): Decision {
  const chosen = mode.articles[index];
  const article = chosen === undefined ? null : ctx.articles.open(chosen.id, state.language);
  if (chosen === undefined || article === null) {
    return mode.resumeTo === null
      ? showMenu({ ...state, mode: { type: "menu", failures: 0 } }, [ARTICLE_GONE])
      : carryOn(state, mode, null, ctx, [ARTICLE_GONE]);
  }
  const shown: ArticleShownMode = {
    ...mode,
    type: "articleShown",
    articleId: article.id,
    category: article.category ?? chosen.category,
    failures: 0,
  };
  const body = localized(article.title, article.title);
  const text = localized(article.body, article.body);
  return show(state, shown, ctx, [body, text], activity(mode, "opened", article.id));
}

export function answerArticleOffer(
  state: ConversationState,
  mode: ArticleOfferMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const options = articleOfferOptions(mode);
  // Outside a request, a new question is simply a new message.
  if (mode.resumeTo === null && matchOption(options, event).type === "none") {
    return offerOutsideFlow({ ...state, mode: { type: "idle" } }, event, ctx, () =>
      showMenu(state),
    );
  }
  const choice = chooseFrom(state, mode, options, event, ctx);
  if ("decision" in choice) return choice.decision;
  const index = mode.articles.findIndex((_, i) => articleOptionId(mode, i) === choice.option.id);
  if (index >= 0) return openArticle(state, mode, index, ctx);
  switch (choice.option.id) {
    case ARTICLE_OPTION_IDS.continueIntake:
    case ARTICLE_OPTION_IDS.startIntake:
      return carryOn(state, mode, null, ctx, []);
    default:
      return showMenu({ ...state, mode: { type: "menu", failures: 0 } });
  }
}

export function answerArticleShown(
  state: ConversationState,
  mode: ArticleShownMode,
  event: UserEvent,
  ctx: Ctx,
): Decision {
  const choice = chooseFrom(state, mode, articleFeedbackOptions(), event, ctx);
  if ("decision" in choice) return choice.decision;
  if (choice.option.id === ARTICLE_OPTION_IDS.notSolved) {
    return carryOn(state, mode, mode.category, ctx, [ARTICLE_NOT_SOLVED], {
      ...activity(mode, "notResolved", mode.articleId),
    });
  }
  // Solved: no ticket, and the answers typed for it are not kept.
  const dropped = mode.resumeTo !== null && state.draft !== null;
  return decision(
    { ...state, draft: null, mode: { type: "idle" } },
    activity(mode, "resolved", mode.articleId),
    { type: "reply", text: articleSolved(dropped)[state.language] },
  );
}

/** "kembali": from an article back to the list; from the list back to the description. */
export function backFromArticles(
  state: ConversationState,
  mode: ArticleOfferMode | ArticleShownMode,
  ctx: Ctx,
): Decision {
  if (mode.type === "articleShown") {
    const { articleId: _read, category: _category, ...offer } = mode;
    return show(state, { ...offer, type: "articleOffer", failures: 0 }, ctx);
  }
  if (mode.resumeTo === null || state.draft === null) return showMenu(state);
  return show(state, { type: "intake", step: "description", failures: 0, editing: false }, ctx);
}
