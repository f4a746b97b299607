import type { Message, Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import {
  commandToText,
  contactPhone,
  largestPhoto,
  mapUpdate,
} from "../../bot/telegram/telegram.mapper.ts";
import { MAX_INBOUND_TEXT } from "../../core/contracts/messages.ts";

const NOW = new Date("2026-03-02T03:00:00.000Z");
const DATE = Date.parse("2026-03-02T02:59:00.000Z") / 1000;
const user = { id: 4242, is_bot: false, first_name: "Budi", last_name: "Santoso" };
const privateChat = { id: 4242, type: "private" as const, first_name: "Budi" };

const message = (fields: Partial<Message>): Update =>
  ({
    update_id: 7,
    message: { message_id: 1, date: DATE, chat: privateChat, from: user, ...fields },
  }) as Update;

const contentOf = (update: Update) => {
  const mapped = mapUpdate(update, NOW);
  return mapped.type === "message" ? mapped.content : { ignored: mapped.reason };
};

describe("commandToText", () => {
  it.each([
    ["/start", "menu"],
    ["/start deep-link-payload", "menu"],
    ["/menu", "menu"],
    ["/menu@LpseLandakBot", "menu"],
    ["/status", "status"],
    ["/status LDK-2026-00001", "status LDK-2026-00001"],
    ["/status@LpseLandakBot ldk-2026-00042", "status ldk-2026-00042"],
    ["/batal", "batal"],
    ["/cancel", "batal"],
    ["/bantuan", "bantuan"],
    ["/help", "bantuan"],
    ["/petugas", "petugas"],
    ["/bahasa", "bahasa"],
    ["/BAHASA", "bahasa"],
    ["/kembali", "kembali"],
    ["/unknown", "/unknown"],
    ["/ path", "/ path"],
  ])("%s -> %s", (input, expected) => {
    expect(commandToText(input)).toBe(expected);
  });
});

describe("mapUpdate: messages", () => {
  const photo = (id: string, width: number, height: number, size?: number) => ({
    file_id: id,
    file_unique_id: `u-${id}`,
    width,
    height,
    ...(size === undefined ? {} : { file_size: size }),
  });
  it.each<[string, Update, unknown]>([
    ["plain text", message({ text: "halo" }), { type: "text", text: "halo" }],
    ["a command", message({ text: "/start" }), { type: "text", text: "menu" }],
    [
      "status with a number",
      message({ text: "/status LDK-2026-00001" }),
      { type: "text", text: "status LDK-2026-00001" },
    ],
    [
      "the largest photo size",
      message({ photo: [photo("s", 90, 60, 900), photo("l", 1280, 853), photo("m", 320, 213)] }),
      { type: "file", file: { fileId: "l", kind: "image", mime: "image/jpeg", size: null } },
    ],
    [
      "a PDF document",
      message({
        document: {
          file_id: "d1",
          file_unique_id: "ud1",
          mime_type: "application/pdf",
          file_size: 5000,
        },
      }),
      {
        type: "file",
        file: { fileId: "d1", kind: "document", mime: "application/pdf", size: 5000 },
      },
    ],
    [
      "a photo sent as a document",
      message({
        document: { file_id: "d2", file_unique_id: "ud2", mime_type: "image/PNG", file_size: 10 },
      }),
      { type: "file", file: { fileId: "d2", kind: "image", mime: "image/png", size: 10 } },
    ],
    [
      "a .docx, refused without download",
      message({
        document: {
          file_id: "d3",
          file_unique_id: "ud3",
          mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          file_size: 20,
        },
      }),
      {
        type: "media",
        kind: "document",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size: 20,
        mediaId: null,
      },
    ],
    [
      "a shared contact without +",
      message({ contact: { phone_number: "6281234567890", first_name: "Budi", user_id: 4242 } }),
      { type: "contact", phone: "+6281234567890" },
    ],
    [
      "a shared contact with +",
      message({ contact: { phone_number: "+6281234567890", first_name: "Budi" } }),
      { type: "contact", phone: "+6281234567890" },
    ],
    [
      "a sticker",
      message({
        sticker: {
          file_id: "st",
          file_unique_id: "ust",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          file_size: 300,
        },
      }),
      { type: "media", kind: "sticker", mime: null, size: 300, mediaId: null },
    ],
    [
      "a voice note",
      message({
        voice: { file_id: "v", file_unique_id: "uv", duration: 2, mime_type: "audio/ogg" },
      }),
      { type: "media", kind: "voice", mime: "audio/ogg", size: null, mediaId: null },
    ],
    [
      "a video",
      message({
        video: { file_id: "vi", file_unique_id: "uvi", width: 1, height: 1, duration: 1 },
      }),
      { type: "media", kind: "video", mime: null, size: null, mediaId: null },
    ],
    [
      "a location",
      message({ location: { latitude: 0.3, longitude: 109.9 } }),
      { type: "media", kind: "location", mime: null, size: null, mediaId: null },
    ],
    [
      "a group message",
      message({ text: "halo", chat: { id: -100, type: "supergroup", title: "Petugas" } }),
      { ignored: "message outside a private chat" },
    ],
    [
      "a message from a bot",
      message({ text: "halo", from: { ...user, is_bot: true } }),
      { ignored: "message without a human sender" },
    ],
    [
      "an edited message",
      { update_id: 9, edited_message: { message_id: 1, date: DATE, chat: privateChat } } as Update,
      { ignored: "not a new message" },
    ],
  ])("%s", (_name, update, expected) => {
    expect(contentOf(update)).toEqual(expected);
  });

  it("carries the sender, the message date and the update id", () => {
    expect(mapUpdate(message({ text: "halo" }), NOW)).toEqual({
      type: "message",
      updateId: 7,
      sender: { externalId: "4242", displayName: "Budi Santoso" },
      at: "2026-03-02T02:59:00.000Z",
      content: { type: "text", text: "halo" },
    });
  });

  it("shortens a text the engine would refuse, without splitting an emoji", () => {
    const text = `${"a".repeat(MAX_INBOUND_TEXT - 1)}😀 and more`;
    const mapped = contentOf(message({ text }));
    expect(mapped).toEqual({ type: "text", text: "a".repeat(MAX_INBOUND_TEXT - 1) });
  });
});

describe("mapUpdate: captions", () => {
  const photo = { file_id: "p", file_unique_id: "up", width: 1280, height: 853, file_size: 900 };
  const screenshot = "gagal upload penawaran, batas jam 14.00";

  it.each<[string, Partial<Message>, unknown]>([
    [
      "a photo's caption goes with the file to fetch",
      { photo: [photo], caption: screenshot },
      {
        type: "file",
        file: { fileId: "p", kind: "image", mime: "image/jpeg", size: 900, caption: screenshot },
      },
    ],
    [
      "a PDF's caption too",
      {
        document: { file_id: "d", file_unique_id: "ud", mime_type: "application/pdf" },
        caption: "surat kuasa direktur",
      },
      {
        type: "file",
        file: {
          fileId: "d",
          kind: "document",
          mime: "application/pdf",
          size: null,
          caption: "surat kuasa direktur",
        },
      },
    ],
    [
      "a file that is not fetched keeps its caption for the engine",
      {
        video: { file_id: "vi", file_unique_id: "uvi", width: 1, height: 1, duration: 1 },
        caption: "layar error saat unggah",
      },
      {
        type: "media",
        kind: "video",
        mime: null,
        size: null,
        mediaId: null,
        caption: "layar error saat unggah",
      },
    ],
    [
      "a blank caption is no caption",
      { photo: [photo], caption: "  \n " },
      { type: "file", file: { fileId: "p", kind: "image", mime: "image/jpeg", size: 900 } },
    ],
  ])("%s", (_name, fields, expected) => {
    expect(contentOf(message(fields))).toEqual(expected);
  });

  it("a caption is cut like a text, without splitting an emoji", () => {
    const caption = `${"a".repeat(MAX_INBOUND_TEXT - 1)}😀 and more`;
    const mapped = contentOf(message({ photo: [photo], caption }));
    expect(mapped).toMatchObject({ file: { caption: "a".repeat(MAX_INBOUND_TEXT - 1) } });
  });
});

describe("mapUpdate: callback queries", () => {
  const query = (fields: Record<string, unknown>): Update =>
    ({
      update_id: 8,
      callback_query: {
        id: "cb1",
        from: user,
        chat_instance: "ci",
        data: "menu.apply",
        message: { message_id: 3, date: DATE, chat: privateChat, text: "…" },
        ...fields,
      },
    }) as Update;

  it("becomes a choice of the option id, answered by its query id", () => {
    expect(mapUpdate(query({}), NOW)).toEqual({
      type: "message",
      updateId: 8,
      sender: { externalId: "4242", displayName: "Budi Santoso" },
      at: NOW.toISOString(),
      content: { type: "choice", optionId: "menu.apply" },
      callbackQueryId: "cb1",
    });
  });

  it.each([
    ["without data", { data: undefined }, "callback without data"],
    [
      "in a group",
      { message: { message_id: 3, date: DATE, chat: { id: -1, type: "group", title: "g" } } },
      "callback outside a private chat",
    ],
  ])("is ignored but still answered %s", (_name, fields, reason) => {
    expect(mapUpdate(query(fields), NOW)).toEqual({
      type: "ignored",
      updateId: 8,
      reason,
      callbackQueryId: "cb1",
    });
  });
});

describe("helpers", () => {
  it("picks the largest photo by pixels, whatever the order", () => {
    const sizes = [
      { file_id: "b", file_unique_id: "b", width: 800, height: 600 },
      { file_id: "a", file_unique_id: "a", width: 90, height: 90 },
    ];
    expect(largestPhoto(sizes)?.file_id).toBe("b");
    expect(largestPhoto([])).toBeUndefined();
  });
  it.each([
    ["6281234567890", "+6281234567890"],
    [" +6281234567890 ", "+6281234567890"],
    ["+1 555 0100", "+1 555 0100"],
  ])("contactPhone(%s) = %s", (input, expected) => {
    expect(contactPhone(input)).toBe(expected);
  });
});
