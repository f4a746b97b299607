// Ending and reopening a ticket: /selesai (resolved, with what was done),
// /tolak (rejected, with why), /tutup (closed), /buka (reopened, with why);
// the card's "✅ Selesai" and "⛔ Tolak" start guided steps (desk.guided.ts).
import type { ButtonHandlers, TopicCommand } from "../desk.context.ts";
import { runCommand } from "../desk.run-command.ts";
import { endHandoff } from "./handoff-end.ts";

const selesai: TopicCommand = async (ctx, input) => {
  const { agent, topic, args, reply, needTicket, needText } = input;
  if (topic.kind === "CHAT") return endHandoff(ctx, agent, topic);
  const id = await needTicket();
  if (id && (await needText("/selesai password sudah direset, silakan cek e-mail"))) {
    await runCommand(ctx, agent, id, { type: "RESOLVE", resolutionNote: args }, reply);
  }
};

const tolak: TopicCommand = async (ctx, { agent, args, reply, needTicket, needText }) => {
  const id = await needTicket();
  if (id && (await needText("/tolak permohonan ganda dengan LDK-2026-00041"))) {
    await runCommand(ctx, agent, id, { type: "REJECT", reason: args }, reply);
  }
};

const tutup: TopicCommand = async (ctx, { agent, args, reply, needTicket }) => {
  const id = await needTicket();
  if (id)
    await runCommand(ctx, agent, id, { type: "CLOSE", ...(args ? { note: args } : {}) }, reply);
};

const buka: TopicCommand = async (ctx, { agent, args, reply, needTicket, needText }) => {
  const id = await needTicket();
  if (id && (await needText("/buka pengguna melaporkan masalah muncul lagi"))) {
    await runCommand(ctx, agent, id, { type: "REOPEN", reason: args }, reply);
  }
};

export const resolveCommands = { selesai, tolak, tutup, buka } satisfies Record<
  string,
  TopicCommand
>;

export const resolveButtons = {
  resolve: (ctx, { button }) => ctx.guided.start(button.action, button.id),
  reject: (ctx, { button }) => ctx.guided.start(button.action, button.id),
} satisfies Partial<ButtonHandlers>;
