// "Hapus data saya": the request is posted in General with what an approval
// would erase, and a supervisor approves or denies it with its buttons.
import { findSubject } from "../../../core/app/privacy-erasure.ts";
import { DESK_BUTTONS, DESK_TEXT } from "../../../core/content/messages/desk.messages.ts";
import { escapeHtml } from "../../telegram/telegram.render.ts";
import { buttonData } from "../desk.commands.ts";
import type { ButtonHandlers, ButtonInput, ButtonOf, DeskContext } from "../desk.context.ts";
import { agentLabel } from "../desk.lookups.ts";

/** The job: the request in General, with its two buttons. */
export async function deletionRequested(ctx: DeskContext, requestId: string) {
  const request = await ctx.prisma.deletionRequest.findUnique({ where: { id: requestId } });
  if (!request) return { skipped: "no request" };
  // The data subject, found by NIK: what an approval would erase.
  const subject = await findSubject(ctx.prisma, request.contactId);
  await ctx.topics.sayGeneral(
    escapeHtml(
      DESK_TEXT.deletionRequested(
        requestId.slice(-6),
        subject.ticketIds.length,
        subject.contactIds.length - 1,
      ),
    ),
    {
      reply_markup: {
        inline_keyboard: [
          [
            {
              text: DESK_BUTTONS.approve,
              callback_data: buttonData({ action: "delok", id: requestId }),
            },
            {
              text: DESK_BUTTONS.deny,
              callback_data: buttonData({ action: "delno", id: requestId }),
            },
          ],
        ],
      },
    },
  );
  return { posted: requestId };
}

async function decide(
  ctx: DeskContext,
  { agent, button, reply }: ButtonInput<ButtonOf<"delok" | "delno">>,
) {
  if (agent.role !== "SUPERVISOR") {
    await reply(escapeHtml(DESK_TEXT.notAllowed("memutuskan penghapusan data")));
    return;
  }
  const decideDeletion = ctx.deps.decideDeletion;
  if (!decideDeletion) return;
  const approve = button.action === "delok";
  const outcome = await decideDeletion({ requestId: button.id, agentId: agent.id, approve });
  await reply(
    escapeHtml(
      outcome === "already decided"
        ? DESK_TEXT.deletionAlreadyDecided
        : DESK_TEXT.deletionDecided(approve, agentLabel(agent)),
    ),
  );
}

export const deletionButtons = { delok: decide, delno: decide } satisfies Partial<ButtonHandlers>;
