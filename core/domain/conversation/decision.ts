import type { Language, Localized } from "../../content/index.ts";
import type { ArticleFinder } from "./article-finder.port.ts";
import type { Option } from "./choice.matcher.ts";
import type { ConversationSettings } from "./conversation.settings.ts";
import type { Effect, ReplyEffect } from "./conversation-effect.types.ts";
import type { ConversationState } from "./conversation-state.schema.ts";

/** What every handler needs besides the state: configuration and the event's time. */
export interface Ctx {
  readonly settings: ConversationSettings;
  readonly at: string;
  readonly atMs: number;
  /** The help articles (self-service answers); NO_ARTICLES when they are off. */
  readonly articles: ArticleFinder;
}

export interface Decision {
  readonly state: ConversationState;
  readonly effects: readonly Effect[];
}

/** A question as the user sees it, still in both languages. */
export interface Prompt {
  readonly text: Localized;
  readonly options: readonly Option[];
  readonly requestContact: boolean;
}

export function prompt(
  text: Localized,
  options: readonly Option[] = [],
  requestContact = false,
): Prompt {
  return { text, options, requestContact };
}

/** Renders a prompt with optional lines before it (corrections, acknowledgements, notices). */
export function replyOf(
  language: Language,
  body: Prompt,
  before: readonly Localized[] = [],
): ReplyEffect {
  const text = [...before, body.text].map((part) => part[language]).join("\n\n");
  return {
    type: "reply",
    text,
    ...(body.options.length > 0
      ? {
          choices: body.options.map((option) => ({ id: option.id, label: option.label[language] })),
        }
      : {}),
    ...(body.requestContact ? { requestContact: true as const } : {}),
  };
}

export function textReply(language: Language, ...parts: readonly Localized[]): ReplyEffect {
  return { type: "reply", text: parts.map((part) => part[language]).join("\n\n") };
}

export function decision(state: ConversationState, ...effects: readonly Effect[]): Decision {
  return { state, effects };
}
