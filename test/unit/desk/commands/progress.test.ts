import { describe, expect, it } from "vitest";
import { continueCommand, escalateCommand } from "../../../../bot/agent-desk/commands/progress.ts";

describe("/lanjut: who answered", () => {
  it("is LKPP's answer while the ticket is escalated there", () => {
    expect(continueCommand("ESKALASI_LKPP", "LKPP sudah memperbaiki")).toEqual({
      type: "LKPP_RESPONDED",
      note: "LKPP sudah memperbaiki",
    });
  });

  it.each(["MENUNGGU_PENGGUNA", "DIPROSES", undefined])(
    "is the user's answer otherwise (%s), without a note when none was given",
    (status) => {
      expect(continueCommand(status, "")).toEqual({ type: "USER_RESPONDED" });
    },
  );
});

describe("/eskalasi: LKPP's ticket number, then a note", () => {
  it("splits the number from the note", () => {
    expect(escalateCommand("2026-000123 gangguan server SPSE")).toEqual({
      type: "ESCALATE_LKPP",
      lkppTicketNumber: "2026-000123",
      note: "gangguan server SPSE",
    });
  });

  it("takes the number alone", () => {
    expect(escalateCommand("2026-000123")).toEqual({
      type: "ESCALATE_LKPP",
      lkppTicketNumber: "2026-000123",
    });
  });
});
