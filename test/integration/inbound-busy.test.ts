// A real burst through the Telegram channel into a bot whose inbound line is
// short (INBOUND_CONCURRENCY=1, INBOUND_QUEUE_MAX=3): every user gets an
// answer, the welcome or "sedang ramai, mohon coba sebentar lagi"; every
// message taken is handled once; who was turned away is welcomed on trying again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_BOT_ID, type FakeUser } from "../fakes/bot-api-server.ts";
import { startTelegramApp, type TelegramApp, textOf } from "../support/telegram-app.ts";

const USERS = 40;
let app: TelegramApp;
beforeAll(async () => {
  app = await startTelegramApp("inbound-busy", {
    INBOUND_CONCURRENCY: "1",
    INBOUND_QUEUE_MAX: "3",
  });
}, 60_000);
afterAll(() => app?.stop());

describe("a burst beyond the inbound line, through the Telegram channel", () => {
  it("answers everyone, handles what it took once, and takes the rest when they try again", async () => {
    const users: FakeUser[] = Array.from({ length: USERS }, (_, i) => app.newUser(`U${i}`));
    const updates = users.map((user) => app.fake.text(user, "/start"));
    await app.fake.waitFor(
      () => users.every((u) => app.sentTo(u).length > 0),
      60_000,
      "an answer for every user",
    );
    const welcomed = users.filter((u) => textOf(app.sentTo(u)).includes("Selamat datang"));
    const busy = users.filter((u) =>
      textOf(app.sentTo(u)).includes("sedang ramai, mohon coba sebentar lagi"),
    );
    expect(welcomed.length + busy.length).toBe(USERS);
    expect(busy.length).toBeGreaterThan(0);
    expect(welcomed.length).toBeGreaterThan(0);
    // What was taken was claimed once; what was turned away was not.
    const claimed = await app.runtime.db.prisma.processedMessage.count({
      where: {
        channel: "TELEGRAM",
        messageId: { in: updates.map((id) => `${FAKE_BOT_ID}:${id}`) },
      },
    });
    expect(claimed).toBe(welcomed.length);

    for (const user of busy.slice(0, 5)) {
      expect(await app.say(user, "/start")).toContain("Selamat datang");
    }
  }, 120_000);
});
