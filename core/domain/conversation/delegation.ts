import type { ConversationState, QuestionMode } from "./conversation-state.schema.ts";
import type { Decision } from "./decision.ts";
import type { GlobalCommand } from "./global-command.parser.ts";

/**
 * A flow that finds the input means what another flow handles says so rather
 * than call that flow: the dispatcher (input.dispatcher.ts) runs the other one.
 * That keeps every flow below the dispatcher, and the flows free of cycles.
 */
export type Delegation =
  /** The input does what this command does (a menu option that is also a typed command). */
  | {
      readonly delegate: "command";
      readonly state: ConversationState;
      readonly command: GlobalCommand;
    }
  /** The input is an answer to this question (the one an overlay such as the human offer covers). */
  | { readonly delegate: "answer"; readonly state: ConversationState; readonly mode: QuestionMode };

/** What a flow that may delegate returns. */
export type FlowOutcome = Decision | Delegation;
