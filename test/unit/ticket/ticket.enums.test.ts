// The domain's enum copies must equal the database enums, value for value.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ACTOR_TYPES,
  AGENT_ROLES,
  maxPriority,
  PRIORITIES,
  TEAMS,
  TICKET_STATUSES,
} from "../../../core/domain/ticket/ticket.enums.ts";

const schema = readFileSync(new URL("../../../prisma/schema.prisma", import.meta.url), "utf8");

function prismaEnum(name: string): string[] {
  const match = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(schema);
  if (match === null) throw new Error(`enum ${name} not found in schema.prisma`);
  return (match[1] ?? "")
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter((line) => line !== "");
}

describe("enums match prisma/schema.prisma", () => {
  it.each([
    ["TicketStatus", TICKET_STATUSES],
    ["Team", TEAMS],
    ["Priority", PRIORITIES],
    ["ActorType", ACTOR_TYPES],
    ["AgentRole", AGENT_ROLES],
  ] as const)("%s", (name, values) => {
    expect([...values]).toEqual(prismaEnum(name));
  });
});

describe("maxPriority", () => {
  it("returns the higher priority whatever the order", () => {
    expect(maxPriority("NORMAL", "MENDESAK")).toBe("MENDESAK");
    expect(maxPriority("TINGGI", "RENDAH")).toBe("TINGGI");
    expect(maxPriority("NORMAL", "NORMAL")).toBe("NORMAL");
  });
});
