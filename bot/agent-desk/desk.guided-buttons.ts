// Data of the guided steps' inline buttons (desk.guided.ts), apart so the
// card can carry them without importing the steps.
import type { InlineKeyboardButton } from "grammy/types";
import { GUIDED_BUTTONS } from "../../core/content/messages/desk-guided.messages.ts";

/** Guided buttons: "g:<op>:<ticket id>[:<extra>]", within Telegram's 64 bytes. */
export type GuidedOp = "ch" | "wr" | "fw" | "x" | "go" | "fwd" | "cl" | "hi";
const OPS = new Set<string>(["ch", "wr", "fw", "x", "go", "fwd", "cl", "hi"]);

export function guidedData(op: GuidedOp, ticketId: string, extra?: string): string {
  const data = `g:${op}:${ticketId}${extra === undefined ? "" : `:${extra}`}`;
  if (Buffer.byteLength(data) > 64) throw new Error(`button data too long: ${data}`);
  return data;
}

export function parseGuidedData(
  data: string,
): { op: GuidedOp; ticketId: string; extra: string } | null {
  const [prefix, op, ticketId, extra = ""] = data.split(":");
  if (prefix !== "g" || !op || !OPS.has(op) || !ticketId) return null;
  if (!/^[0-9a-f-]{36}$/u.test(ticketId) || !/^[A-Za-z0-9]{0,20}$/u.test(extra)) return null;
  return { op: op as GuidedOp, ticketId, extra };
}

/** The card's extra buttons (forward, close, history). */
export function guidedCardButtons(ticketId: string): InlineKeyboardButton[] {
  return [
    { text: GUIDED_BUTTONS.forward, callback_data: guidedData("fwd", ticketId) },
    { text: GUIDED_BUTTONS.close, callback_data: guidedData("cl", ticketId) },
    { text: GUIDED_BUTTONS.history, callback_data: guidedData("hi", ticketId) },
  ];
}
