import { describe, expect, it } from "vitest";
import { topicInput } from "../../../../bot/agent-desk/commands/topic-input.ts";
import type { DeskContext } from "../../../../bot/agent-desk/desk.context.ts";
import { DESK_TEXT } from "../../../../core/content/messages/desk.messages.ts";
import type { Agent, DeskTopic } from "../../../../core/infra/db.ts";

const agent = { id: "agent-1", name: "Budi", role: "HELPDESK" } as Agent;

function setup(topic: Partial<DeskTopic>, args: string) {
  const said: string[] = [];
  const topics = {
    say: async (_topic: DeskTopic, html: string) => {
      said.push(html);
      return {};
    },
  } as unknown as DeskContext["topics"];
  return { said, input: topicInput({ topics }, agent, topic as DeskTopic, args) };
}

describe("a command typed in a topic", () => {
  it("has the ticket of a ticket topic, and says nothing", async () => {
    const { said, input } = setup({ ticketId: "ticket-1" }, "");
    expect(await input.needTicket()).toBe("ticket-1");
    expect(said).toEqual([]);
  });

  it("in a chat topic is told it needs a ticket topic", async () => {
    const { said, input } = setup({ ticketId: null }, "");
    expect(await input.needTicket()).toBeNull();
    expect(said).toEqual([DESK_TEXT.notInTicketTopic]);
  });

  it("without words is shown how to write it", async () => {
    const { said, input } = setup({ ticketId: "ticket-1" }, "");
    expect(await input.needText("/tolak permohonan ganda")).toBe("");
    expect(said).toEqual([DESK_TEXT.needsArgument("/tolak permohonan ganda")]);
  });

  it("with words has them, and says nothing", async () => {
    const { said, input } = setup({ ticketId: "ticket-1" }, "permohonan ganda");
    expect(await input.needText("/tolak permohonan ganda")).toBe("permohonan ganda");
    expect(said).toEqual([]);
  });
});
