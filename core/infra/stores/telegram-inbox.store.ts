// The Telegram polling inbox (see TelegramInbox in schema.prisma): a fetched
// batch is sealed here before the next getUpdates confirms it to Telegram.
import type { Cipher } from "../crypto.ts";
import type { PrismaClient } from "../db.ts";
import { bound } from "../sealed-columns.ts";

export interface TelegramInbox {
  /** Keeps a fetched batch; runs before the batch is handed to the handlers. */
  save(botId: number, updates: readonly { update_id: number }[]): Promise<void>;
  /** Updates kept but not handled (a crash came in between), oldest first. */
  pending(botId: number): Promise<unknown[]>;
  /** The update was handled (or refused for good): forget it. */
  done(botId: number, updateId: number): Promise<void>;
}

export function createTelegramInbox(prisma: PrismaClient, cipher: Cipher): TelegramInbox {
  return {
    async save(botId, updates) {
      if (updates.length === 0) return;
      await prisma.telegramInbox.createMany({
        data: updates.map((u) => ({
          botId: BigInt(botId),
          updateId: BigInt(u.update_id),
          updateEnc: cipher.seal(
            JSON.stringify(u),
            bound("telegram_inbox.update_enc", botId, u.update_id),
          ),
        })),
        skipDuplicates: true,
      });
    },
    async pending(botId) {
      const rows = await prisma.telegramInbox.findMany({
        where: { botId: BigInt(botId) },
        orderBy: { updateId: "asc" },
        take: 1000,
      });
      return rows.map(
        (r) =>
          JSON.parse(
            cipher.openText(
              Buffer.from(r.updateEnc),
              bound("telegram_inbox.update_enc", r.botId, r.updateId),
            ),
          ) as unknown,
      );
    },
    async done(botId, updateId) {
      await prisma.telegramInbox.deleteMany({
        where: { botId: BigInt(botId), updateId: BigInt(updateId) },
      });
    },
  };
}
