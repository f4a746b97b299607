/**
 * Public API of the conversation engine. The app layer parses incoming events
 * and stored state with the schemas, calls `decide`, persists the new state
 * and runs the effects in order.
 */
export type { ArticleActivityEffect } from "./article-effect.types.ts";
export type {
  ArticleFinder,
  ArticleHit,
} from "./article-finder.port.ts";
export {
  createDecider,
  type Decide,
  resolveConversationSettings,
} from "./conversation.decider.ts";
export type {
  ConversationSettings,
  ConversationSettingsInput,
} from "./conversation.settings.ts";
export type {
  Effect,
  RelayContent,
  ReplyEffect,
  TicketDraft,
} from "./conversation-effect.types.ts";
export {
  type ConversationEvent,
  conversationEventSchema,
  MEDIA_KINDS,
  type MyDataSnapshot,
} from "./conversation-event.schema.ts";
export {
  type Channel,
  type ConversationState,
  conversationStateSchema,
  type Draft,
  INTAKE_STEPS,
  type IntakeStep,
  initialState,
  type Mode,
  SURVEY_ELEMENT_COUNT,
} from "./conversation-state.schema.ts";
export { nextTimeoutAt } from "./draft.lifecycle.ts";
export { parseGlobalCommand } from "./global-command.parser.ts";
export { FINAL_TICKET_STATUSES } from "./system-event.flow.ts";
export {
  validateWalkIn,
  type WalkInDraft,
  type WalkInField,
} from "./walk-in.form.ts";
