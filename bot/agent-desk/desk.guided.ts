// The card's buttons as short guided steps: "📎 Minta dokumen", "✅ Selesai"
// and "⛔ Tolak" offer the common requests/reasons as buttons, or take the
// agent's own words as a reply to the bot's prompt (ForceReply); "➡️ Teruskan"
// picks the team; "📁 Tutup" closes; when the user answers a request, the topic
// is told and offered "▶️ Lanjut". Every step ends in the desk's `run`, the
// same path as the typed command (checks, user notification, audit).
import type { Api } from "grammy";
import type { InlineKeyboardButton, Message } from "grammy/types";
import { teamLabel } from "../../core/content/desk-labels.content.ts";
import {
  COMMON_REJECTIONS,
  COMMON_REQUESTS,
  COMMON_RESOLUTIONS,
  GUIDED_BUTTONS,
  GUIDED_TEXT,
  type GuidedChoice,
  type GuidedStep,
} from "../../core/content/messages/desk-guided.messages.ts";
import type { TicketCommand } from "../../core/domain/ticket/ticket.commands.ts";
import { FORWARD_TEAMS } from "../../core/domain/ticket/ticket.enums.ts";
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { type GuidedOp, guidedData, parseGuidedData } from "./desk.guided-buttons.ts";
import type { DeskTopics } from "./desk.topics.ts";
import type { DeskPrompt, DeskPromptStore } from "./desk-prompt.store.ts";

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

const CHOICES: Record<GuidedStep, readonly GuidedChoice[]> = {
  request: COMMON_REQUESTS,
  resolve: COMMON_RESOLUTIONS,
  reject: COMMON_REJECTIONS,
};

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

const rows = (buttons: InlineKeyboardButton[], perRow = 2) =>
  Array.from({ length: Math.ceil(buttons.length / perRow) }, (_, i) =>
    buttons.slice(i * perRow, i * perRow + perRow),
  );

export function createDeskGuided(deps: DeskGuidedDeps) {
  const { prisma, api, chatId, topics, prompts } = deps;
  const e = escapeHtml;

  async function ticketAndTopic(ticketId: string) {
    const ticket = await prisma.ticket.findUnique({
      where: { id: ticketId },
      select: { id: true, number: true, status: true },
    });
    const topic = await prisma.deskTopic.findUnique({ where: { ticketId } });
    return ticket && topic ? { ticket, topic } : null;
  }

  /** Posts a question with buttons and remembers it by its message. */
  async function ask(
    topic: DeskTopic,
    prompt: DeskPrompt,
    html: string,
    markup: Record<string, unknown>,
  ) {
    const sent = (await topics.say(topic, html, { reply_markup: markup })) as Message;
    await prompts.put(chatId, sent.message_id, prompt);
  }

  /** The question answered: its buttons go, the line says what was chosen. */
  async function settle(messageId: number, text: string) {
    await api.editMessageText(chatId, messageId, text).catch(() => undefined);
  }

  /** "📎 Minta dokumen", "✅ Selesai", "⛔ Tolak": the common choices, or the agent's words. */
  async function start(step: GuidedStep, ticketId: string) {
    const found = await ticketAndTopic(ticketId);
    if (!found) return;
    const keyboard = rows([
      ...CHOICES[step].map((c) => ({
        text: c.label,
        callback_data: guidedData("ch", ticketId, c.id),
      })),
      { text: GUIDED_BUTTONS.writeOwn, callback_data: guidedData("wr", ticketId) },
      { text: GUIDED_BUTTONS.cancel, callback_data: guidedData("x", ticketId) },
    ]);
    await ask(found.topic, { step, ticketId }, e(GUIDED_TEXT.ask[step](found.ticket.number)), {
      inline_keyboard: keyboard,
    });
  }

  async function startForward(ticketId: string) {
    const found = await ticketAndTopic(ticketId);
    if (!found) return;
    const keyboard = rows([
      ...FORWARD_TEAMS.map((team) => ({
        text: teamLabel(team),
        callback_data: guidedData("fw", ticketId, team),
      })),
      { text: GUIDED_BUTTONS.cancel, callback_data: guidedData("x", ticketId) },
    ]);
    await ask(
      found.topic,
      { step: "forward", ticketId },
      e(GUIDED_TEXT.forwardAsk(found.ticket.number)),
      { inline_keyboard: keyboard },
    );
  }

  /** A ForceReply prompt aimed at the agent who pressed (selective: named in the text). */
  async function askOwnWords(agent: Agent, fromId: number, step: GuidedStep, ticketId: string) {
    const found = await ticketAndTopic(ticketId);
    if (!found) return;
    const mention = `<a href="tg://user?id=${fromId}">${e(agent.name)}</a>`;
    await ask(
      found.topic,
      { step, ticketId },
      `${mention} ${e(GUIDED_TEXT.writeOwn(step, found.ticket.number))}`,
      {
        force_reply: true,
        selective: true,
        input_field_placeholder: GUIDED_TEXT.placeholder[step],
      },
    );
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

  /**
   * After a user's message reached the topic: if the ticket waits for the user
   * (an agent asked for something), say so once per request and offer ▶️ Lanjut.
   */
  async function offerResume(ticketId: string | null) {
    if (!ticketId) return;
    const found = await ticketAndTopic(ticketId);
    if (found?.ticket.status !== "MENUNGGU_PENGGUNA") return;
    const asked = await prisma.ticketEvent.findFirst({
      where: { ticketId, toStatus: "MENUNGGU_PENGGUNA" },
      orderBy: { createdAt: "desc" },
      select: { id: true, reason: true },
    });
    const once = `answered:${asked?.id}`;
    if (!asked || !(await prompts.once(once))) return;
    try {
      await ask(
        found.topic,
        { step: "resume", ticketId },
        e(GUIDED_TEXT.userAnswered(asked.reason)),
        {
          inline_keyboard: [
            [{ text: GUIDED_BUTTONS.resume, callback_data: guidedData("go", ticketId) }],
          ],
        },
      );
    } catch (err) {
      // Not offered: the relay's retry offers it again.
      await prompts.release(once);
      throw err;
    }
  }

  return { start, onCallback, onReply, offerResume };
}

export type DeskGuided = ReturnType<typeof createDeskGuided>;
