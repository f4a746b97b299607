// The desk's handler tables, the one place the feature modules are wired:
// which typed command (in a topic, or anywhere in the group) and which inline
// button each module answers. agent-desk.ts dispatches to them.
import type { ButtonHandlers, GeneralCommand, TopicCommand } from "../desk.context.ts";
import { agentCommands } from "./agents.ts";
import { auditCommands } from "./audit.ts";
import { blockCommands } from "./block.ts";
import { claimButtons, claimCommands } from "./claim.ts";
import { deletionButtons } from "./deletion.ts";
import { forwardCommands } from "./forward.ts";
import { handoffEndCommands } from "./handoff-end.ts";
import { helpCommands } from "./help.ts";
import { historyCommands } from "./history.ts";
import { ktpButtons, ktpCommands } from "./ktp.ts";
import { letterButtons } from "./letters.ts";
import { progressButtons, progressCommands } from "./progress.ts";
import { requestButtons, requestCommands } from "./request.ts";
import { resolveButtons, resolveCommands } from "./resolve.ts";
import { templateButtons, templateCommands } from "./templates.ts";

/** Commands inside a ticket or chat topic; any other goes on to GENERAL_COMMANDS. */
export const TOPIC_COMMANDS = new Map<string, TopicCommand>(
  Object.entries({
    ...claimCommands,
    ...progressCommands,
    ...forwardCommands,
    ...requestCommands,
    ...resolveCommands,
    ...handoffEndCommands,
    ...ktpCommands,
    ...templateCommands,
    ...historyCommands,
  }),
);

/** Commands that work anywhere in the group; then the bot's extra ones (letters, reports). */
export const GENERAL_COMMANDS = new Map<string, GeneralCommand>(
  Object.entries({ ...helpCommands, ...auditCommands, ...blockCommands, ...agentCommands }),
);

/** The card's and the desk's inline buttons (d:…), one handler per action. */
export const BUTTONS: ButtonHandlers = {
  ...claimButtons,
  ...progressButtons,
  ...requestButtons,
  ...resolveButtons,
  ...ktpButtons,
  ...templateButtons,
  ...letterButtons,
  ...deletionButtons,
};
