// /templat and the card's template button: the canned answers as buttons;
// pressing one sends its text to the user, signed, like a typed reply. Read
// from desk_templates each time, so a change in the console applies at once.
import type { InlineKeyboardButton } from "grammy/types";
import { findDeskTemplate, listDeskTemplates } from "../../../core/app/desk-templates.ts";
import type { DeskTemplate } from "../../../core/content/desk-templates.content.ts";
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { DeskTopic } from "../../../core/infra/db.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import { buttonData } from "../desk.commands.ts";
import type { ButtonHandlers, DeskContext, TopicCommand } from "../desk.context.ts";
import { replyToUser } from "../desk.user-reply.ts";

/** One button a row, each naming the topic it answers in. */
export function templateKeyboard(
  templates: readonly DeskTemplate[],
  topicId: string,
): InlineKeyboardButton[][] {
  return templates.map((t) => [
    { text: t.title, callback_data: buttonData({ action: "ts", id: topicId, template: t.id }) },
  ]);
}

async function showTemplates(ctx: DeskContext, topic: DeskTopic) {
  await ctx.topics.say(topic, escapeHtml(DESK_TEXT.templatesHeader), {
    reply_markup: {
      inline_keyboard: templateKeyboard(await listDeskTemplates(ctx.prisma), topic.id),
    },
  });
}

const templat: TopicCommand = (ctx, { topic }) => showTemplates(ctx, topic);

export const templateCommands = { templat } satisfies Record<string, TopicCommand>;

export const templateButtons = {
  tpl: async (ctx, { button }) => {
    const tplTopic = await ctx.prisma.deskTopic.findUnique({ where: { id: button.id } });
    if (tplTopic) await showTemplates(ctx, tplTopic);
  },
  ts: async (ctx, { agent, button, updateClaim }) => {
    const target = await ctx.prisma.deskTopic.findUnique({ where: { id: button.id } });
    const template = await findDeskTemplate(ctx.prisma, button.template);
    if (!target || !template) return;
    await replyToUser(ctx, agent, target, template.text, "template.send", updateClaim);
    await ctx.topics.say(target, escapeHtml(DESK_TEXT.templateSent(template.title)));
  },
} satisfies Partial<ButtonHandlers>;
