// The local Bot API server answers the desk's new calls as Telegram does:
// edits only of messages that exist and change, each callback query answered
// once, reply markup checked, and a button press carrying the message it is under.
import { Api, GrammyError } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "../fakes/bot-api-server.ts";

let fake: FakeBotApi;
let api: Api;
const GROUP = "-1001234567890";
const agent = { id: 1_234_567, firstName: "Budi" };

beforeAll(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});
afterAll(async () => {
  await fake.close();
});

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => "accepted",
    (err: unknown) => (err instanceof GrammyError ? err.description : String(err)),
  );

describe("the fake Bot API, as Telegram", () => {
  it("edits a sent message once it changes, and refuses unknown ones", async () => {
    const sent = await api.sendMessage(GROUP, "Pilih tim", {
      reply_markup: { inline_keyboard: [[{ text: "Verifikator", callback_data: "g:x" }]] },
    });
    expect(await refusal(api.editMessageText(GROUP, sent.message_id + 999, "x"))).toBe(
      "Bad Request: message to edit not found",
    );
    await api.editMessageText(GROUP, sent.message_id, "☑️ Verifikator");
    const record = fake.sent.find((m) => m.messageId === sent.message_id);
    expect(record?.text).toBe("☑️ Verifikator");
    expect(record?.replyMarkup).toBeUndefined();
    expect(await refusal(api.editMessageText(GROUP, sent.message_id, "☑️ Verifikator"))).toMatch(
      /^Bad Request: message is not modified/u,
    );
  });

  it("checks reply markup: button data within 64 bytes, ForceReply well formed", async () => {
    const long = { inline_keyboard: [[{ text: "x", callback_data: "d".repeat(65) }]] };
    expect(await refusal(api.sendMessage(GROUP, "x", { reply_markup: long }))).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    const placeholder = { force_reply: true as const, input_field_placeholder: "p".repeat(65) };
    expect(await refusal(api.sendMessage(GROUP, "x", { reply_markup: placeholder }))).toMatch(
      /^Bad Request: can't parse reply keyboard markup/u,
    );
  });

  it("answers each callback query once; a press carries its message", async () => {
    await api.sendMessage(GROUP, "Lanjutkan?", {
      reply_markup: { inline_keyboard: [[{ text: "▶️ Lanjut", callback_data: "g:go" }]] },
    });
    const message = fake.sent.at(-1);
    if (!message) throw new Error("not recorded");
    fake.press(agent, message, "▶️ Lanjut");
    const update = fake.injected.at(-1);
    expect(update?.callback_query?.data).toBe("g:go");
    expect(update?.callback_query?.message?.message_id).toBe(message.messageId);
    const id = update?.callback_query?.id ?? "";
    expect(await api.answerCallbackQuery(id)).toBe(true);
    expect(await refusal(api.answerCallbackQuery(id))).toMatch(/query is too old/u);
    expect(() => fake.press(agent, message, "no such button")).toThrow(/no button/u);
  });
});
