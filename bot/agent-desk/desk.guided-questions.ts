// The bot's questions of a guided step, each posted into the ticket's topic
// and remembered by its message: the common choices with "✍️ Tulis sendiri",
// the teams to forward to, the ForceReply for the agent's own words, and the
// "▶️ Lanjut" offered once a user answered a request. The answers are
// desk.guided.ts.
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
import { FORWARD_TEAMS } from "../../core/domain/ticket/ticket.enums.ts";
import type { Agent, DeskTopic, PrismaClient } from "../../core/infra/db.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { guidedData } from "./desk.guided-buttons.ts";
import type { DeskTopics } from "./desk.topics.ts";
import type { DeskPrompt, DeskPromptStore } from "./desk-prompt.store.ts";

export const CHOICES: Record<GuidedStep, readonly GuidedChoice[]> = {
  request: COMMON_REQUESTS,
  resolve: COMMON_RESOLUTIONS,
  reject: COMMON_REJECTIONS,
};

const rows = (buttons: InlineKeyboardButton[], perRow = 2) =>
  Array.from({ length: Math.ceil(buttons.length / perRow) }, (_, i) =>
    buttons.slice(i * perRow, i * perRow + perRow),
  );

export function createGuidedQuestions(deps: {
  prisma: PrismaClient;
  chatId: string;
  topics: Pick<DeskTopics, "say">;
  prompts: DeskPromptStore;
}) {
  const { prisma, chatId, topics, prompts } = deps;
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

  return { ticketAndTopic, start, startForward, askOwnWords, offerResume };
}
