export {
  CATEGORY_REQUIREMENTS,
  type CategoryRequirement,
  DEFAULT_CATEGORIES,
} from "./categories.content.ts";
export { COMMAND_WORDS } from "./commands.content.ts";
export * from "./dates.content.ts";
export {
  LANGUAGES,
  type Language,
  type Localized,
  localized,
  paragraphs,
  perLanguage,
} from "./language.ts";
export * from "./markup.ts";
export * from "./messages/agent-alert.messages.ts";
export * from "./messages/caption.messages.ts";
export * from "./messages/common.messages.ts";
export * from "./messages/complaint.messages.ts";
export * from "./messages/complaint-status.messages.ts";
export * from "./messages/handoff.messages.ts";
export * from "./messages/holiday.messages.ts";
export * from "./messages/intake-corrections.messages.ts";
export * from "./messages/intake-prompts.messages.ts";
export * from "./messages/lifecycle.messages.ts";
export * from "./messages/notification.messages.ts";
export * from "./messages/privacy.messages.ts";
export * from "./messages/relay.messages.ts";
export * from "./messages/self-service.messages.ts";
export * from "./messages/service-info.messages.ts";
export * from "./messages/status.messages.ts";
export * from "./messages/summary.messages.ts";
export * from "./messages/survey-flow.messages.ts";
export * from "./messages/whatsapp-input.messages.ts";
export {
  ROLE_IDS,
  ROLES,
  type RoleId,
} from "./roles.content.ts";
export {
  COMPLAINT_CHANNELS,
  OFFICE,
  PROCEDURE,
  REQUIREMENTS,
  SERVICE,
} from "./service-standard.content.ts";
export {
  TICKET_STATUS_TEXT,
  TICKET_STATUSES,
  type TicketStatus,
} from "./ticket-status.content.ts";
