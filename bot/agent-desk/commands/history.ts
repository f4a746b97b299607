// /riwayat: the case's history and notes (desk.notes.ts); /kartu: the
// ticket's card posted again at the bottom of its topic.
import type { TopicCommand } from "../desk.context.ts";

const riwayat: TopicCommand = (ctx, { agent, topic }) => ctx.notes.showHistory(agent, topic);

const kartu: TopicCommand = async (ctx, { topic, needTicket }) => {
  const id = await needTicket();
  const ticket = id ? await ctx.topics.loadCardTicket(id) : null;
  if (ticket) await ctx.topics.postCard(topic, ticket);
};

export const historyCommands = { riwayat, kartu } satisfies Record<string, TopicCommand>;
