// /ktp and the card's KTP button: the applicant's KTP photo for the agent
// handling the ticket or a supervisor (the checks are in desk.ktp.ts).
import type { ButtonHandlers, TopicCommand } from "../desk.context.ts";

const ktp: TopicCommand = (ctx, { agent, topic }) => ctx.showKtp(agent, topic);

export const ktpCommands = { ktp } satisfies Record<string, TopicCommand>;

export const ktpButtons = {
  ktp: async (ctx, { agent, button }) => {
    const ktpTopic = await ctx.prisma.deskTopic.findUnique({ where: { ticketId: button.id } });
    if (ktpTopic) await ctx.showKtp(agent, ktpTopic);
  },
} satisfies Partial<ButtonHandlers>;
