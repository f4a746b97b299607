// /akhiri (and /selesai in a chat topic): the agent ends the conversation;
// the user's chat goes back to the bot, a chat topic is closed.
import { DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import type { Agent, DeskTopic } from "../../../core/infra/db.ts";
import { recordAudit } from "../../../core/infra/stores/audit.store.ts";
import { contactExternalId } from "../../../core/infra/stores/contact.store.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import type { DeskContext, TopicCommand } from "../desk.context.ts";
import { agentLabel } from "../desk.lookups.ts";

export async function endHandoff(ctx: DeskContext, agent: Agent, topic: DeskTopic) {
  const { prisma, topics, now } = ctx;
  const contact = await prisma.contact.findUnique({ where: { id: topic.contactId } });
  if (!contact) return;
  if (topic.kind === "CHAT" && !topic.open) {
    await topics.say(topic, escapeHtml(DESK_TEXT.handoffAlreadyEnded));
    return;
  }
  await ctx.deps.inbound.deliver(
    { channel: contact.channel, sender: { externalId: contactExternalId(ctx.cipher, contact) } },
    { type: "handoffEnded", at: now().toISOString() },
    null,
  );
  await prisma.$transaction(async (tx) => {
    if (topic.kind === "CHAT") {
      await tx.deskTopic.update({
        where: { id: topic.id },
        data: { open: false, closedAt: now() },
      });
    }
    await recordAudit(tx, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "handoff.end",
      ticketId: topic.ticketId,
      contactId: contact.id,
    });
  });
  await topics.say(topic, escapeHtml(DESK_TEXT.handoffEnded(agentLabel(agent))));
}

const akhiri: TopicCommand = (ctx, { agent, topic }) => endHandoff(ctx, agent, topic);

export const handoffEndCommands = { akhiri } satisfies Record<string, TopicCommand>;
