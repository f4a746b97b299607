// Both desk lanes may ask for one ticket's topic at once: the second asker
// must wait for the first and find its topic, not open another.
import { describe, expect, it } from "vitest";
import { withTopicLock } from "../../bot/agent-desk/desk.topic-lock.ts";
import type { DeskTopics } from "../../bot/agent-desk/desk.topics.ts";
import type { DeskTopic } from "../../core/infra/db.ts";

/** Topics that open slowly (a Telegram call), remembering what they opened. */
function slowTopics() {
  const opened = new Map<string, DeskTopic>();
  let running = 0;
  let mostAtOnce = 0;
  const topics = {
    async ensureTicketTopic(ticketId: string) {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((r) => setImmediate(r));
      const existing = opened.get(ticketId);
      const topic = existing ?? ({ id: `topic-${opened.size + 1}`, ticketId } as DeskTopic);
      opened.set(ticketId, topic);
      running--;
      return { topic, created: !existing };
    },
  } as unknown as DeskTopics;
  return { topics, opened, mostAtOnce: () => mostAtOnce };
}

describe("desk topic lock", () => {
  it("opens a ticket's topic once when both lanes ask at the same time", async () => {
    const slow = slowTopics();
    const locked = withTopicLock(slow.topics);
    const [a, b] = await Promise.all([
      locked.ensureTicketTopic("t1"),
      locked.ensureTicketTopic("t1"),
    ]);
    expect(a?.created).toBe(true);
    expect(b?.created).toBe(false);
    expect(b?.topic.id).toBe(a?.topic.id);
    expect(slow.mostAtOnce()).toBe(1);
  });

  it("does not hold one ticket behind another", async () => {
    const slow = slowTopics();
    const locked = withTopicLock(slow.topics);
    await Promise.all([locked.ensureTicketTopic("t1"), locked.ensureTicketTopic("t2")]);
    expect(slow.mostAtOnce()).toBe(2);
  });
});
