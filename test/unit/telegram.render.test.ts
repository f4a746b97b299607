import { describe, expect, it } from "vitest";
import {
  CONTACT_BUTTON_TEXT,
  escapeHtml,
  renderBody,
  splitText,
  TELEGRAM_TEXT_LIMIT,
} from "../../bot/telegram/telegram.render.ts";

describe("escapeHtml", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<b>tebal</b>", "&lt;b&gt;tebal&lt;/b&gt;"],
    ["&amp;", "&amp;amp;"],
    ["\"kutip\" 'satu'", "\"kutip\" 'satu'"],
    ["biasa saja", "biasa saja"],
  ])("%s -> %s", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("splitText", () => {
  const line = (char: string, n: number) => char.repeat(n);
  it.each<[string, string, number, string[]]>([
    ["short text stays whole", "halo\ndunia", 4096, ["halo\ndunia"]],
    ["splits on line boundaries", "aaaa\nbbbb\ncccc", 10, ["aaaa\nbbbb", "cccc"]],
    ["cuts an over-long line at a space", "aaaa bbbb cccc", 10, ["aaaa bbbb", "cccc"]],
    ["cuts a line without spaces hard", line("x", 25), 10, ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]],
    ["keeps an emoji whole", `${line("x", 9)}😀yy`, 10, ["xxxxxxxxx", "😀yy"]],
    ["drops blank parts", `aaaaaaaaaa\n\n\nbbbbbbbbbb`, 10, ["aaaaaaaaaa", "bbbbbbbbbb"]],
  ])("%s", (_name, text, limit, expected) => {
    expect(splitText(text, limit)).toEqual(expected);
  });

  it("never exceeds Telegram's 4096 characters and loses no line", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Baris ${i}: ${"teks ".repeat(i % 20)}`);
    const parts = splitText(lines.join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });
});

describe("renderBody", () => {
  const choices = [
    { id: "menu.apply", label: "Ajukan permohonan" },
    { id: "menu.status", label: "Cek status tiket" },
  ];

  it("sends escaped HTML text without link previews", () => {
    expect(renderBody({ kind: "text", text: "PT A & B <Persero>" })).toEqual({
      messages: [
        {
          text: "PT A &amp; B &lt;Persero&gt;",
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
        },
      ],
      showsReplyKeyboard: false,
      removesReplyKeyboard: false,
    });
  });

  it("puts choices on an inline keyboard, one per row, with the option id as data", () => {
    const { messages } = renderBody({ kind: "text", text: "Pilih:", choices });
    expect(messages[0]?.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: "Ajukan permohonan", callback_data: "menu.apply" }],
        [{ text: "Cek status tiket", callback_data: "menu.status" }],
      ],
    });
  });

  it("falls back to a numbered list when an id does not fit in 64 bytes", () => {
    const long = [{ id: `x.${"é".repeat(32)}`, label: "Panjang" }, ...choices];
    const { messages } = renderBody({ kind: "text", text: "Pilih:", choices: long });
    expect(messages[0]?.reply_markup).toBeUndefined();
    expect(messages[0]?.text).toBe(
      "Pilih:\n  1. Panjang\n  2. Ajukan permohonan\n  3. Cek status tiket",
    );
  });

  it("asks for the contact on a one-time reply keyboard, with the choices as text", () => {
    const rendered = renderBody({
      kind: "text",
      text: "Nomor HP?",
      requestContact: true,
      choices: [{ id: "keep", label: "Tetap gunakan jawaban sebelumnya" }],
    });
    expect(rendered.showsReplyKeyboard).toBe(true);
    expect(rendered.messages[0]?.reply_markup).toEqual({
      keyboard: [
        [{ text: CONTACT_BUTTON_TEXT, request_contact: true }],
        [{ text: "Tetap gunakan jawaban sebelumnya" }],
      ],
      resize_keyboard: true,
      one_time_keyboard: true,
    });
  });

  it.each([
    ["a plain message takes it away", { kind: "text" as const, text: "Kode tender?" }, true, 0],
    [
      "a single message with buttons cannot",
      { kind: "text" as const, text: "Pilih:", choices },
      false,
      -1,
    ],
    [
      "a split message with buttons takes it away on its first part",
      { kind: "text" as const, text: `${"a".repeat(4000)}\n${"b".repeat(200)}`, choices },
      true,
      0,
    ],
  ])("after the contact keyboard, %s", (_name, body, removes, carrier) => {
    const rendered = renderBody(body, { replyKeyboardShown: true });
    expect(rendered.removesReplyKeyboard).toBe(removes);
    const withRemoval = rendered.messages.findIndex(
      (m) => JSON.stringify(m.reply_markup) === JSON.stringify({ remove_keyboard: true }),
    );
    expect(withRemoval).toBe(carrier);
  });

  it("splits a long text and keeps the keyboard on the last part", () => {
    const text = Array.from({ length: 120 }, (_, i) => `${i}. ${"isi ".repeat(12)}`).join("\n");
    const { messages } = renderBody({ kind: "text", text, choices });
    expect(messages.length).toBe(2);
    expect(messages[0]?.reply_markup).toBeUndefined();
    expect(messages[1]?.reply_markup).toHaveProperty("inline_keyboard");
  });
});
