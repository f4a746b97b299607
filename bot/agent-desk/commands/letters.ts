// The "Terbitkan"/"Batal" buttons under a previewed disruption letter: the
// bot's document feature issues or drops it (desk.documents.ts).
import type { ButtonHandlers } from "../desk.context.ts";

export const letterButtons = {
  lok: (ctx, { agent, button, reply }) => ctx.deps.decideLetter?.(agent, button.id, true, reply),
  lno: (ctx, { agent, button, reply }) => ctx.deps.decideLetter?.(agent, button.id, false, reply),
} satisfies Partial<ButtonHandlers>;
