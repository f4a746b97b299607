import {
  ARTICLE_FEEDBACK_QUESTION,
  ARTICLE_OPTIONS,
  articleOfferIntro,
} from "../../content/index.ts";
import type { Option } from "./choice.matcher.ts";
import type { ArticleOfferMode, ArticleShownMode } from "./conversation-state.schema.ts";
import { type Prompt, prompt } from "./decision.ts";

/**
 * Article buttons carry the offer's time and the article's place in the list,
 * not its id: a button of an older offer never opens something on this one,
 * and the data stays under Telegram's 64 bytes whatever the article id.
 */
function offerKey(mode: Pick<ArticleOfferMode, "offeredAt">): string {
  return Date.parse(mode.offeredAt).toString(36);
}

export const articleOptionId = (mode: Pick<ArticleOfferMode, "offeredAt">, index: number) =>
  `art.${offerKey(mode)}.${index + 1}`;

export const ARTICLE_OPTION_IDS = {
  continueIntake: "art.continue",
  startIntake: "art.request",
  menu: "art.menu",
  solved: "art.solved",
  notSolved: "art.notSolved",
} as const;

function fixed(key: keyof typeof ARTICLE_OPTION_IDS): Option {
  const text = ARTICLE_OPTIONS[key];
  return { id: ARTICLE_OPTION_IDS[key], label: text.label, aliases: text.aliases };
}

/** The articles, then "carry on" (in a request) or "submit a request" and "menu" (outside one). */
export function articleOfferOptions(mode: ArticleOfferMode | ArticleShownMode): Option[] {
  const articles = mode.articles.map((article, index) => ({
    id: articleOptionId(mode, index),
    label: article.title,
    aliases: [],
  }));
  const after =
    mode.resumeTo === null ? [fixed("startIntake"), fixed("menu")] : [fixed("continueIntake")];
  return [...articles, ...after];
}

export function articleFeedbackOptions(): Option[] {
  return [fixed("solved"), fixed("notSolved")];
}

export function articleOfferPrompt(mode: ArticleOfferMode): Prompt {
  return prompt(articleOfferIntro(mode.resumeTo !== null), articleOfferOptions(mode));
}

export function articleFeedbackPrompt(): Prompt {
  return prompt(ARTICLE_FEEDBACK_QUESTION, articleFeedbackOptions());
}
