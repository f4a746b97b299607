/**
 * Public API of the conversation engine. The app layer parses incoming events
 * and stored state with the schemas, calls `decide`, persists the new state
 * and runs the effects in order.
 */
export type { ArticleActivityEffect } from "./article-effect.types.ts";
export {
  type ArticleFinder,
  type ArticleHit,
  type ArticleText,
  NO_ARTICLES,
} from "./article-finder.port.ts";
export type { Option } from "./choice.matcher.ts";
export {
  createDecider,
  type Decide,
  resolveConversationSettings,
} from "./conversation.decider.ts";
export {
  type CategorySetting,
  type ConversationSettings,
  type ConversationSettingsInput,
  conversationSettingsSchema,
} from "./conversation.settings.ts";
export {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  type Choice,
  type Effect,
  type RelayContent,
  type ReplyEffect,
  type TicketDraft,
  ticketDraftSchema,
} from "./conversation-effect.types.ts";
export {
  type ChoiceEvent,
  type ContactEvent,
  type ConversationEvent,
  conversationEventSchema,
  MEDIA_KINDS,
  type MediaEvent,
  type MediaKind,
  type MyDataSnapshot,
  myDataSnapshotSchema,
  type StatusResultEvent,
  type TextEvent,
  type TimeoutEvent,
  type UserEvent,
} from "./conversation-event.schema.ts";
export {
  CHANNELS,
  type Channel,
  type ConversationState,
  conversationStateSchema,
  type Draft,
  draftSchema,
  HANDOFF_REASONS,
  type HandoffReason,
  INTAKE_STEPS,
  type InitialStateInput,
  type IntakeStep,
  initialState,
  type Mode,
  modeSchema,
  type QuestionMode,
  questionModeSchema,
  type StoredMedia,
  SURVEY_ELEMENT_COUNT,
  type SurveyMode,
} from "./conversation-state.schema.ts";
export type { Decision } from "./decision.ts";
export { nextTimeoutAt } from "./draft.lifecycle.ts";
export { type GlobalCommand, parseGlobalCommand } from "./global-command.parser.ts";
export { FINAL_TICKET_STATUSES } from "./system-event.flow.ts";
