// /minta …: the user is asked for a document or more information; the card's
// "📎 Minta dokumen" button starts the guided step instead (desk.guided.ts).
import type { ButtonHandlers, TopicCommand } from "../desk.context.ts";
import { runCommand } from "../desk.run-command.ts";

const minta: TopicCommand = async (ctx, { agent, args, reply, needTicket, needText }) => {
  const id = await needTicket();
  if (id && (await needText("/minta foto akta pendirian perusahaan halaman 1-3"))) {
    await runCommand(ctx, agent, id, { type: "REQUEST_USER_INFO", reason: args }, reply);
  }
};

export const requestCommands = { minta } satisfies Record<string, TopicCommand>;

export const requestButtons = {
  request: (ctx, { button }) => ctx.guided.start(button.action, button.id),
} satisfies Partial<ButtonHandlers>;
