// Disappearing chats. A reply in a chat with disappearing messages on must
// carry the chat's timer (`ephemeralExpiration`), or it stays on the user's
// phone for good while everything around it vanishes (and clients show a
// "turned off" notice). rc14 tells the timer on every message of such a chat
// (contextInfo.expiration, with ephemeralSettingTimestamp), and a protocol
// message when the user switches it. Kept per chat in Redis (a hash, the
// contact's JID hashed), so a reply after a restart still carries it.
import type { Cipher } from "../../core/infra/crypto.ts";
import type { Logger } from "../../core/infra/logger.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import type { ChatTimer } from "./whatsapp.protocol.ts";

export function createChatTimers(deps: {
  redis: RedisClient;
  /** Redis key of the hash (per session). */
  key: string;
  cipher: Cipher;
  logger: Logger;
}) {
  const timers = new Map<string, ChatTimer>();
  const fieldOf = (jid: string) => deps.cipher.hash("whatsapp-chat-timer", jid);
  let loaded: Promise<void> | undefined;

  function load(): Promise<void> {
    loaded ??= deps.redis
      .hgetall(deps.key)
      .then((all) => {
        for (const [field, value] of Object.entries(all)) {
          try {
            if (!timers.has(field)) timers.set(field, JSON.parse(value) as ChatTimer);
          } catch {
            // A value we cannot read is as good as none.
          }
        }
      })
      .catch((err: unknown) => {
        loaded = undefined;
        deps.logger.warn({ err }, "WhatsApp chat timers not loaded");
      });
    return loaded;
  }

  return {
    load,
    /** What a message said about its chat; an older setting never wins over a newer one. */
    async learn(jid: string, timer: ChatTimer): Promise<void> {
      await load();
      const field = fieldOf(jid);
      const known = timers.get(field);
      if (known && known.setAt !== null && timer.setAt !== null && timer.setAt < known.setAt) {
        return;
      }
      if (known && known.expiration === timer.expiration && known.setAt === timer.setAt) return;
      timers.set(field, timer);
      await deps.redis
        .hset(deps.key, field, JSON.stringify(timer))
        .catch((err: unknown) => deps.logger.warn({ err }, "WhatsApp chat timer not saved"));
    },
    /** Seconds for sendMessage's ephemeralExpiration; undefined when the chat keeps messages. */
    expirationFor(jid: string): number | undefined {
      const timer = timers.get(fieldOf(jid));
      return timer && timer.expiration > 0 ? timer.expiration : undefined;
    },
  };
}

export type ChatTimers = ReturnType<typeof createChatTimers>;
