// Applies the groups' message budgets (group-budget.ts) to the Bot API calls
// of the Telegram channel: a call Telegram counts against a group's messages
// a minute waits for its lane's turn (send-lane.ts) and holds its place in
// the window until Telegram answered.
import { createGroupBudget, type GroupBudgetOptions } from "./group-budget.ts";
import { currentSendLane } from "./send-lane.ts";

/** Per group chat id: its budget (the agents group: about 20 messages a minute). */
export type GroupBudgetConfig = Readonly<
  Record<string, Omit<GroupBudgetOptions, "now" | "setTimer">>
>;

/** Methods that put a message into a chat: paced, and their failures counted. */
export const isSendMethod = (method: string) => /^(send|copyMessage|forwardMessage)/u.test(method);
/** What Telegram counts against a group's messages a minute: topic changes post a service message. */
const countsInGroupBudget = (method: string) =>
  isSendMethod(method) || method === "createForumTopic" || method === "editForumTopic";

export function createGroupBudgetHook(config: GroupBudgetConfig = {}) {
  const budgets = new Map(Object.entries(config).map(([chat, o]) => [chat, createGroupBudget(o)]));
  return {
    /** The chats with a budget: they keep their gap there, in lane order. */
    chats: [...budgets.keys()],
    /** Runs the call within its chat's budget when the method counts there. */
    async around<T>(method: string, chatId: unknown, call: () => Promise<T>): Promise<T> {
      const budget = chatId === undefined ? undefined : budgets.get(String(chatId));
      const release =
        budget && countsInGroupBudget(method) ? await budget.acquire(currentSendLane()) : undefined;
      try {
        return await call();
      } finally {
        release?.();
      }
    },
  };
}
