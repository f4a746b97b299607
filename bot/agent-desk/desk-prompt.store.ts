// The bot's open questions in the agents group (a guided step's choices, a
// "reply to this message" prompt, the ▶️ Lanjut offer), kept in Redis by the
// message that asks, so the answer works after a restart and from any bot
// process, and only once: a second press or reply finds the question taken.
// Ids only: no text an agent or user wrote.
import { z } from "zod";
import type { RedisClient } from "../../core/infra/redis.ts";

const promptSchema = z.object({
  step: z.enum(["request", "resolve", "reject", "forward", "resume"]),
  ticketId: z.uuid(),
});
export type DeskPrompt = z.infer<typeof promptSchema>;

/** Long enough for an agent who comes back to a ticket after a weekend. */
const PROMPT_TTL_MS = 7 * 24 * 60 * 60_000;
const TAKEN = "taken";

export type TakenPrompt =
  | { type: "taken"; prompt: DeskPrompt }
  | { type: "alreadyTaken" }
  /** Never a question of the bot (or expired): an ordinary message. */
  | { type: "none" };

export function createDeskPromptStore(deps: { redis: RedisClient; prefix: string }) {
  const keyOf = (chatId: string, messageId: number) =>
    `${deps.prefix}:desk:prompt:${chatId}:${messageId}`;
  return {
    async put(chatId: string, messageId: number, prompt: DeskPrompt): Promise<void> {
      await deps.redis.set(keyOf(chatId, messageId), JSON.stringify(prompt), "PX", PROMPT_TTL_MS);
    },
    /** Swaps the question for a marker in one atomic step: of two answers, one wins. */
    async take(chatId: string, messageId: number): Promise<TakenPrompt> {
      const old = await deps.redis.set(
        keyOf(chatId, messageId),
        TAKEN,
        "PX",
        PROMPT_TTL_MS,
        "XX",
        "GET",
      );
      if (old === null) return { type: "none" };
      if (old === TAKEN) return { type: "alreadyTaken" };
      return { type: "taken", prompt: promptSchema.parse(JSON.parse(old)) };
    },
    /** True the first time for `key` (e.g. one ▶️ Lanjut offer per request to the user). */
    async once(key: string): Promise<boolean> {
      const set = await deps.redis.set(
        `${deps.prefix}:desk:once:${key}`,
        "1",
        "PX",
        PROMPT_TTL_MS,
        "NX",
      );
      return set === "OK";
    },
    async release(key: string): Promise<void> {
      await deps.redis.del(`${deps.prefix}:desk:once:${key}`);
    },
  };
}

export type DeskPromptStore = ReturnType<typeof createDeskPromptStore>;
