import { describe, expect, it } from "vitest";
import {
  guidedCardButtons,
  guidedData,
  parseGuidedData,
} from "../../../bot/agent-desk/desk.guided-buttons.ts";

const TICKET = "01a22425-7fb9-751b-9ff4-dabffb5c73f6";

describe("guided step buttons", () => {
  it("round-trips op, ticket and choice within Telegram's 64 bytes", () => {
    const data = guidedData("fw", TICKET, "VERIFIKATOR");
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseGuidedData(data)).toEqual({ op: "fw", ticketId: TICKET, extra: "VERIFIKATOR" });
    expect(parseGuidedData(guidedData("cl", TICKET))).toEqual({
      op: "cl",
      ticketId: TICKET,
      extra: "",
    });
  });

  it("refuses what it did not make", () => {
    expect(parseGuidedData(`d:claim:${TICKET}`)).toBeNull();
    expect(parseGuidedData(`g:drop:${TICKET}`)).toBeNull();
    expect(parseGuidedData("g:cl:not-a-ticket")).toBeNull();
    expect(parseGuidedData(`g:ch:${TICKET}:a;b`)).toBeNull();
    expect(() => guidedData("ch", TICKET, "x".repeat(30))).toThrow(/too long/);
  });

  it("puts forward, close and history on the card", () => {
    expect(guidedCardButtons(TICKET).map((b) => b.text)).toEqual([
      "➡️ Teruskan",
      "📁 Tutup",
      "🕘 Riwayat",
    ]);
  });
});
