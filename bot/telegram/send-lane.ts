// Which lane a Telegram call belongs to, carried with the async call chain:
// the desk's bulk worker (new tickets' topics, cards, files, digests) runs its
// jobs in the "bulk" lane; everything else (relays of a live conversation,
// agents' replies, answers in the group) is "live" and goes first when the
// group's budget is short (group-budget.ts).
import { AsyncLocalStorage } from "node:async_hooks";

export type SendLane = "live" | "bulk";

const lane = new AsyncLocalStorage<SendLane>();

/** Runs `work` with every Telegram call it makes in `which` lane. */
export function inSendLane<T>(which: SendLane, work: () => Promise<T>): Promise<T> {
  return lane.run(which, work);
}

/** The lane of the call being made now; "live" outside any lane. */
export function currentSendLane(): SendLane {
  return lane.getStore() ?? "live";
}
