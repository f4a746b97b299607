// A ticket's topic may be asked for by both desk lanes at once: the bulk lane
// opening a new ticket, and the live lane relaying the user's first answer
// before that. Opening is one at a time per ticket, so the second asker finds
// the topic the first one made instead of creating another. In memory: only
// the process holding the Telegram bot consumes the desk's queues.
import type { DeskTopics } from "./desk.topics.ts";

export function withTopicLock(topics: DeskTopics): DeskTopics {
  const opening = new Map<string, Promise<unknown>>();
  function ensureTicketTopic(ticketId: string): ReturnType<DeskTopics["ensureTicketTopic"]> {
    const before = opening.get(ticketId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => topics.ensureTicketTopic(ticketId));
    opening.set(ticketId, mine);
    void mine
      .catch(() => undefined)
      .then(() => {
        if (opening.get(ticketId) === mine) opening.delete(ticketId);
      });
    return mine;
  }
  return { ...topics, ensureTicketTopic };
}
