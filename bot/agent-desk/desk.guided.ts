// The card's buttons as short guided steps: "📎 Minta dokumen", "✅ Selesai"
// and "⛔ Tolak" offer the common requests/reasons as buttons, or take the
// agent's own words as a reply to the bot's prompt (ForceReply); "➡️ Teruskan"
// picks the team; "📁 Tutup" closes; when the user answers a request, the topic
// is told and offered "▶️ Lanjut". Every step ends in the desk's `run`, the
// same path as the typed command (checks, user notification, audit). The
// questions are posted by desk.guided-questions.ts; this file takes the answers.
import type { Api } from "grammy";
import type { Message } from "grammy/types";
import { teamLabel } from "../../core/content/desk-labels.content.ts";
import {
  GUIDED_BUTTONS,
  GUIDED_TEXT,
  type GuidedStep,
} from "../../core/content/messages/desk-guided.messages.ts";
import type { TicketCommand } from "../../core/domain/ticket/ticket.commands.ts";
import { FORWARD_TEAMS } from "../../core/domain/ticket/ticket.enums.ts";
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { type GuidedOp, parseGuidedData } from "./desk.guided-buttons.ts";
import { CHOICES, createGuidedQuestions } from "./desk.guided-questions.ts";
import type { DeskTopics } from "./desk.topics.ts";
import type { DeskPromptStore } from "./desk-prompt.store.ts";

type Reply = (html: string) => Promise<unknown>;

export interface DeskGuidedDeps {
  prisma: PrismaClient;
  api: Api;
  chatId: string;
  topics: Pick<DeskTopics, "say">;
  prompts: DeskPromptStore;
  /** The desk's command path (agent-desk.ts runCommand). */
  run: (agent: Agent, ticketId: string, command: TicketCommand, reply: Reply) => Promise<boolean>;
  agentLabel: (agent: Agent) => string;
  showHistory: (agent: Agent, topic: DeskTopic) => Promise<void>;
}

/** Buttons under a question of the bot (taken once); the others act on the ticket directly. */
const QUESTION_OPS = new Set<GuidedOp>(["ch", "wr", "fw", "x", "go"]);

function commandFor(step: GuidedStep, text: string): TicketCommand {
  switch (step) {
    case "request":
      return { type: "REQUEST_USER_INFO", reason: text };
    case "resolve":
      return { type: "RESOLVE", resolutionNote: text };
    case "reject":
      return { type: "REJECT", reason: text };
  }
}

export function createDeskGuided(deps: DeskGuidedDeps) {
  const { prisma, api, chatId, topics, prompts } = deps;
  const e = escapeHtml;
  const questions = createGuidedQuestions({ prisma, chatId, topics, prompts });
  const { ticketAndTopic, startForward, askOwnWords } = questions;

  /** The question answered: its buttons go, the line says what was chosen. */
  async function settle(messageId: number, text: string) {
    await api.editMessageText(chatId, messageId, text).catch(() => undefined);
  }

  async function onCallback(input: {
    agent: Agent;
    fromId: number;
    data: string;
    /** The message the button is under. */
    messageId: number | undefined;
    reply: Reply;
    /** Answers the callback query (a toast for the presser only); called once. */
    answer: (toast?: string) => Promise<unknown>;
  }) {
    const { agent, reply } = input;
    const parsed = parseGuidedData(input.data);
    const taken =
      parsed && QUESTION_OPS.has(parsed.op) && input.messageId !== undefined
        ? await prompts.take(chatId, input.messageId)
        : null;
    const stale =
      taken !== null && (taken.type !== "taken" || taken.prompt.ticketId !== parsed?.ticketId);
    await input.answer(stale ? GUIDED_TEXT.promptExpired.slice(0, 190) : undefined);
    if (!parsed || stale) return;
    const { op, ticketId, extra } = parsed;
    switch (op) {
      case "fwd":
        return startForward(ticketId);
      case "cl":
        await deps.run(agent, ticketId, { type: "CLOSE" }, reply);
        return;
      case "hi": {
        const found = await ticketAndTopic(ticketId);
        if (found) await deps.showHistory(agent, found.topic);
        return;
      }
    }
    // The rest answer a question of the bot: once, whoever presses first.
    if (taken?.type !== "taken" || input.messageId === undefined) return;
    const { step } = taken.prompt;
    const who = deps.agentLabel(agent);
    const messageId = input.messageId;
    /**
     * Runs the step; the question is settled when it went through, and open
     * again when the workflow refused it (the refusal says why), for another try.
     */
    const decide = async (chosen: string, command: TicketCommand) => {
      if (await deps.run(agent, ticketId, command, reply)) {
        await settle(messageId, GUIDED_TEXT.chosen(chosen, who));
      } else {
        await prompts.put(chatId, messageId, taken.prompt);
      }
    };
    switch (op) {
      case "x":
        await settle(input.messageId, GUIDED_TEXT.cancelled(who));
        return;
      case "go":
        return decide(GUIDED_BUTTONS.resume, { type: "USER_RESPONDED" });
      case "fw": {
        const team = FORWARD_TEAMS.find((t) => t === extra);
        if (step !== "forward" || !team) return;
        return decide(teamLabel(team), { type: "FORWARD", team });
      }
      case "wr":
      case "ch": {
        if (step === "forward" || step === "resume") return;
        if (op === "wr") {
          await settle(input.messageId, GUIDED_TEXT.chosen(GUIDED_BUTTONS.writeOwn, who));
          await askOwnWords(agent, input.fromId, step, ticketId);
          return;
        }
        const choice = CHOICES[step].find((c) => c.id === extra);
        if (!choice) return;
        return decide(choice.label, commandFor(step, choice.text));
      }
    }
  }

  /**
   * An agent's reply to one of the bot's questions: true when it was one (and
   * is handled here, never relayed to the user), false for any other message.
   */
  async function onReply(agent: Agent, replyTo: Message | undefined, text: string, reply: Reply) {
    if (!replyTo?.from?.is_bot) return false;
    const taken = await prompts.take(chatId, replyTo.message_id);
    if (taken.type === "none") return false;
    if (taken.type === "alreadyTaken") {
      await reply(e(GUIDED_TEXT.promptExpired));
      return true;
    }
    const { step, ticketId } = taken.prompt;
    if (step === "forward" || step === "resume") {
      await reply(e(GUIDED_TEXT.promptExpired));
      return true;
    }
    if (!text.trim()) {
      // Not used up: the agent may still reply with the text.
      await prompts.put(chatId, replyTo.message_id, taken.prompt);
      await reply(e(GUIDED_TEXT.replyEmpty));
      return true;
    }
    await deps.run(agent, ticketId, commandFor(step, text.trim()), reply);
    return true;
  }

  return { start: questions.start, onCallback, onReply, offerResume: questions.offerResume };
}

export type DeskGuided = ReturnType<typeof createDeskGuided>;
