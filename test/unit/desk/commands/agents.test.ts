import { describe, expect, it } from "vitest";
import { parseAgentAdd } from "../../../../bot/agent-desk/commands/agents.ts";

describe("/agen tambah <telegram id> <PERAN> <nama>", () => {
  it("reads the id, the role in any case and the name", () => {
    expect(parseAgentAdd("123456789 helpdesk Budi Santoso")).toEqual({
      telegramUserId: 123456789,
      role: "HELPDESK",
      name: "Budi Santoso",
    });
  });

  it("keeps at most 100 characters of the name", () => {
    expect(parseAgentAdd(`42 SUPERVISOR ${"a".repeat(150)}`)?.name).toHaveLength(100);
  });

  it.each([
    ["no name", "123456789 HELPDESK"],
    ["an unknown role", "123456789 KEPALA Budi"],
    ["an id that is no number", "budi HELPDESK Budi"],
    ["an id too large to be exact", "99999999999999999999 HELPDESK Budi"],
    ["nothing", ""],
  ])("refuses %s", (_what, rest) => {
    expect(parseAgentAdd(rest)).toBeNull();
  });
});
