import { describe, expect, it } from "vitest";
import { forwardCommand } from "../../../../bot/agent-desk/commands/forward.ts";
import { FORWARD_TEAMS } from "../../../../core/domain/ticket/ticket.enums.ts";

describe("/teruskan: the team and the note", () => {
  it("takes the team in any case and the rest of the words as the note", () => {
    expect(forwardCommand("verifikator dokumen perlu\ndiverifikasi")).toEqual({
      type: "FORWARD",
      team: "VERIFIKATOR",
      note: "dokumen perlu\ndiverifikasi",
    });
  });

  it("leaves the note out when there is none", () => {
    expect(forwardCommand("ADMIN")).toEqual({ type: "FORWARD", team: "ADMIN" });
  });

  it.each(["HELPDESK urus sendiri", "LKPP gangguan", "GUDANG barang", ""])(
    "refuses %j: no team one forwards to",
    (args) => {
      expect(forwardCommand(args)).toBeNull();
    },
  );

  it("offers every team but the helpdesk itself and LKPP (that is /eskalasi)", () => {
    expect(FORWARD_TEAMS).not.toContain("HELPDESK");
    expect(FORWARD_TEAMS).not.toContain("LKPP");
    expect(FORWARD_TEAMS.length).toBeGreaterThan(0);
  });
});
