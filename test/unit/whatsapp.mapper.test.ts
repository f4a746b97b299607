// The WhatsApp mapper on messages built from Baileys' own protobuf types, one
// per kind a citizen can send, and the bodies the channel renders back.
import { proto } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { clampText } from "../../bot/channel-inbound.ts";
import {
  isIgnoredJid,
  isPersonJid,
  lidJidOf,
  phoneJidOf,
  phoneOf,
} from "../../bot/whatsapp/whatsapp.jids.ts";
import { mapMessage } from "../../bot/whatsapp/whatsapp.mapper.ts";
import { renderBody, renderText } from "../../bot/whatsapp/whatsapp.render.ts";
import { MAX_INBOUND_TEXT } from "../../core/contracts/messages.ts";
import {
  documentMessage,
  editMessage,
  ephemeralSetting,
  ephemeralText,
  imageMessage,
  revokeMessage,
  textMessage,
  viewOnceStub,
  voiceNote,
  waMessage,
} from "../fakes/whatsapp-socket.ts";

const PN = "6281234567890@s.whatsapp.net";
const LID = "123456789012345@lid";
const NOW = new Date("2026-03-02T03:00:00.000Z");
const from = { from: PN, id: "MSG1", pushName: "Budi Santoso", timestamp: 1_772_420_400 };

const mapped = (message: ReturnType<typeof waMessage>) => {
  const result = mapMessage(message, NOW);
  if (result.type !== "message") throw new Error(`not a message: ${JSON.stringify(result)}`);
  return result;
};
const reason = (message: ReturnType<typeof waMessage>) => {
  const result = mapMessage(message, NOW);
  return result.type === "ignored" ? result.reason : "not ignored";
};

describe("whatsapp mapper: text, numbers and senders", () => {
  it("maps a plain text (conversation) with the phone JID, name, id and time", () => {
    const m = mapped(textMessage({ ...from, text: "Selamat pagi" }));
    expect(m).toEqual({
      type: "message",
      messageId: "MSG1",
      phoneJid: PN,
      lidJid: null,
      displayName: "Budi Santoso",
      at: new Date(1_772_420_400_000).toISOString(),
      content: { type: "text", text: "Selamat pagi" },
      timer: null,
    });
  });

  it("maps an extended text (a reply, a link) as text", () => {
    const m = mapped(
      waMessage(from, {
        extendedTextMessage: { text: "cek status LDK-2026-00001", matchedText: "x" },
      }),
    );
    expect(m.content).toEqual({ type: "text", text: "cek status LDK-2026-00001" });
  });

  it("passes a bare number through as text: the core reads it as the numbered choice", () => {
    expect(mapped(textMessage({ ...from, text: "2" })).content).toEqual({
      type: "text",
      text: "2",
    });
  });

  it("maps an old client's list or button reply to a choice", () => {
    const list = waMessage(from, {
      listResponseMessage: { singleSelectReply: { selectedRowId: "menu.apply" } },
    });
    expect(mapped(list).content).toEqual({ type: "choice", optionId: "menu.apply" });
    const button = waMessage(from, { buttonsResponseMessage: { selectedButtonId: "yes" } });
    expect(mapped(button).content).toEqual({ type: "choice", optionId: "yes" });
  });

  it("names a LID sender by the phone number WhatsApp sends along (remoteJidAlt)", () => {
    const m = mapped(textMessage({ from: LID, phoneJid: PN, text: "halo" }));
    expect(m.phoneJid).toBe(PN);
    expect(m.lidJid).toBe(LID);
  });

  it("accepts the older senderPn field for the phone number too", () => {
    const message = textMessage({ from: LID, text: "halo" });
    Object.assign(message.key, { senderPn: "6281234567890:3@s.whatsapp.net" });
    expect(mapped(message).phoneJid).toBe(PN);
  });

  it("keeps a LID alone when WhatsApp gave no number (the channel looks it up)", () => {
    const m = mapped(textMessage({ from: LID, text: "halo" }));
    expect(m.phoneJid).toBeNull();
    expect(m.lidJid).toBe(LID);
  });

  it("drops the device part of a JID", () => {
    expect(phoneJidOf("6281234567890:12@s.whatsapp.net")).toBe(PN);
    expect(lidJidOf("123456789012345:4@lid")).toBe(LID);
    expect(phoneOf(PN)).toBe("+6281234567890");
  });

  it("cuts a very long text to what the engine takes", () => {
    const m = mapped(textMessage({ ...from, text: "a".repeat(70_000) }));
    expect(m.content).toEqual({ type: "text", text: "a".repeat(MAX_INBOUND_TEXT) });
    expect(clampText(`${"a".repeat(MAX_INBOUND_TEXT - 1)}😀`)).toHaveLength(MAX_INBOUND_TEXT - 1);
  });

  it("unwraps a disappearing (ephemeral) message", () => {
    const m = mapped(
      waMessage(from, { ephemeralMessage: { message: { conversation: "pesan sementara" } } }),
    );
    expect(m.content).toEqual({ type: "text", text: "pesan sementara" });
  });

  it("uses the current time when the message has no timestamp", () => {
    const message = textMessage({ ...from, text: "x" });
    message.messageTimestamp = null;
    expect(mapped(message).at).toBe(NOW.toISOString());
  });
});

describe("whatsapp mapper: files", () => {
  it("names an image with a caption as a file to download, the caption with it", () => {
    const m = mapped(imageMessage({ ...from, caption: "KTP saya", size: 123_456 }));
    expect(m.content).toEqual({
      type: "file",
      file: { kind: "image", mime: "image/jpeg", size: 123_456, caption: "KTP saya" },
    });
  });

  it("names a PDF (document with caption) as a file to download", () => {
    const m = mapped(
      documentMessage({ ...from, fileName: "surat.pdf", mime: "application/pdf", size: 2048 }),
    );
    expect(m.content).toEqual({
      type: "file",
      file: { kind: "document", mime: "application/pdf", size: 2048 },
    });
  });

  it("keeps the caption of a document (documentWithCaptionMessage)", () => {
    const m = mapped(
      documentMessage({
        ...from,
        fileName: "bukti.pdf",
        mime: "application/pdf",
        size: 2048,
        caption: "gagal upload penawaran, batas jam 14.00",
      }),
    );
    expect(m.content).toEqual({
      type: "file",
      file: {
        kind: "document",
        mime: "application/pdf",
        size: 2048,
        caption: "gagal upload penawaran, batas jam 14.00",
      },
    });
  });

  it("cuts a long caption like a text; a blank one is no caption", () => {
    const long = mapped(
      imageMessage({ ...from, caption: `${"b".repeat(MAX_INBOUND_TEXT)}tail`, size: 10 }),
    );
    expect(long.content).toMatchObject({ file: { caption: "b".repeat(MAX_INBOUND_TEXT) } });
    const blank = mapped(imageMessage({ ...from, caption: " \n ", size: 10 }));
    expect(blank.content).toEqual({
      type: "file",
      file: { kind: "image", mime: "image/jpeg", size: 10 },
    });
  });

  it("names an image sent as a document as an image file", () => {
    const m = mapped(
      waMessage(from, {
        documentMessage: { mimetype: "image/png", fileName: "ktp.png", fileLength: 99 },
      }),
    );
    expect(m.content).toEqual({
      type: "file",
      file: { kind: "image", mime: "image/png", size: 99 },
    });
  });

  it("refuses a Word file without downloading it", () => {
    const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const m = mapped(
      waMessage(from, { documentMessage: { mimetype: docx, fileName: "a.docx", fileLength: 10 } }),
    );
    expect(m.content).toEqual({
      type: "media",
      kind: "document",
      mime: docx,
      size: 10,
      mediaId: null,
    });
  });
});

describe("whatsapp mapper: what the engine answers with a polite refusal", () => {
  const media = (message: Record<string, unknown>) => {
    const content = mapped(waMessage(from, message)).content;
    return content.type === "media" ? content.kind : content.type;
  };

  it("stickers, voice notes, audio, video, locations, contacts and polls", () => {
    expect(media({ stickerMessage: { mimetype: "image/webp", fileLength: 5000 } })).toBe("sticker");
    expect(media({ audioMessage: { ptt: true, mimetype: "audio/ogg; codecs=opus" } })).toBe(
      "voice",
    );
    expect(media({ audioMessage: { ptt: false, mimetype: "audio/mpeg" } })).toBe("audio");
    expect(media({ videoMessage: { mimetype: "video/mp4" } })).toBe("video");
    expect(media({ locationMessage: { degreesLatitude: 0.3, degreesLongitude: 109.9 } })).toBe(
      "location",
    );
    expect(media({ liveLocationMessage: { degreesLatitude: 0.3 } })).toBe("location");
    expect(media({ contactMessage: { displayName: "Ani", vcard: "BEGIN:VCARD" } })).toBe("other");
    expect(
      media({ pollCreationMessageV3: { name: "Pilih", options: [{ optionName: "a" }] } }),
    ).toBe("other");
  });

  it("a video's caption comes along for the engine", () => {
    const video = mapped(
      waMessage(from, { videoMessage: { mimetype: "video/mp4", caption: "error" } }),
    );
    expect(video.content).toEqual({
      type: "media",
      kind: "video",
      mime: null,
      size: null,
      mediaId: null,
      caption: "error",
    });
  });

  it("view-once media is not read (companion devices do not get it), nor its caption", () => {
    const once = waMessage(from, {
      viewOnceMessageV2: {
        message: { imageMessage: { mimetype: "image/jpeg", viewOnce: true, caption: "rahasia" } },
      },
    });
    const refused = { type: "media", kind: "viewOnce", mime: null, size: null, mediaId: null };
    expect(mapped(once).content).toEqual(refused);
    // What a linked device really gets: a stub with key.isViewOnce and no content.
    const stub = viewOnceStub(from);
    expect(stub.message ?? null).toBeNull();
    expect(stub.key.isViewOnce).toBe(true);
    expect(mapped(stub).content).toEqual(refused);
  });

  it("a voice note is a voice note (the engine has a line of its own for it)", () => {
    expect(mapped(voiceNote(from)).content).toMatchObject({ type: "media", kind: "voice" });
  });
});

describe("whatsapp mapper: changes to earlier messages and the chat's timer", () => {
  it("maps an edit as phones send it (editedMessage around the protocol message) and bare", () => {
    for (const wrapped of [true, false]) {
      const edit = mapMessage(editMessage({ ...from, target: "MSG0", text: "2", wrapped }), NOW);
      expect(edit).toMatchObject({ type: "edit", messageId: "MSG1", target: "MSG0", text: "2" });
    }
  });

  it("maps a deletion for everyone with the id of the deleted message", () => {
    expect(mapMessage(revokeMessage({ ...from, target: "MSG0" }), NOW)).toMatchObject({
      type: "revoke",
      target: "MSG0",
      phoneJid: PN,
    });
  });

  it("reads the disappearing timer from contextInfo, and the switch from its protocol message", () => {
    const text = mapped(
      ephemeralText({ ...from, text: "halo", expiration: 86_400, settingTimestamp: 5 }),
    );
    expect(text.content).toEqual({ type: "text", text: "halo" });
    expect(text.timer).toEqual({ expiration: 86_400, setAt: 5 });
    expect(mapMessage(ephemeralSetting({ ...from, expiration: 0 }), NOW)).toMatchObject({
      type: "timer",
      timer: { expiration: 0 },
    });
  });

  it("tells the groups, status, broadcasts and newsletters Baileys must not even decrypt", () => {
    for (const jid of [
      "120363040000000000@g.us",
      "status@broadcast",
      "1234@broadcast",
      "1203@newsletter",
    ]) {
      expect(isIgnoredJid(jid)).toBe(true);
    }
    expect(isIgnoredJid(PN)).toBe(false);
    expect(isIgnoredJid(LID)).toBe(false);
  });
});

describe("whatsapp mapper: quietly ignored", () => {
  it("our own messages, status updates, groups, newsletters and broadcasts", () => {
    expect(reason(textMessage({ ...from, fromMe: true, text: "x" }))).toBe("our own message");
    expect(reason(textMessage({ ...from, from: "status@broadcast", text: "x" }))).toBe(
      "status update",
    );
    expect(reason(textMessage({ ...from, from: "120363040000000000@g.us", text: "x" }))).toBe(
      "group message",
    );
    expect(reason(textMessage({ ...from, from: "120363000000000000@newsletter", text: "x" }))).toBe(
      "newsletter",
    );
    expect(reason(textMessage({ ...from, from: "1234567890@broadcast", text: "x" }))).toBe(
      "broadcast list",
    );
  });

  it("reactions, edits without a target, poll votes, pins and empty stubs", () => {
    const key = { remoteJid: PN, fromMe: true, id: "OLD" };
    expect(reason(waMessage(from, { reactionMessage: { key, text: "👍" } }))).toBe("reaction");
    expect(
      reason(waMessage(from, { editedMessage: { message: { conversation: "diubah" } } })),
    ).toBe("edit without a target");
    expect(
      reason(
        waMessage(from, {
          protocolMessage: { type: proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE },
        }),
      ),
    ).toBe("protocol message");
    expect(reason(waMessage(from, { pollUpdateMessage: { pollCreationMessageKey: key } }))).toBe(
      "poll vote",
    );
    expect(reason(waMessage(from, { pinInChatMessage: { key } }))).toBe("keep or pin");
    const stub = textMessage({ ...from, text: "x" });
    stub.message = null;
    expect(reason(stub)).toBe("no content (stub or undecryptable)");
    expect(reason(waMessage(from, { senderKeyDistributionMessage: { groupId: "x" } }))).toBe(
      "no readable content",
    );
  });

  it("knows a person's chat from a group or a broadcast", () => {
    expect(isPersonJid(PN)).toBe(true);
    expect(isPersonJid(LID)).toBe(true);
    expect(isPersonJid("120363040000000000@g.us")).toBe(false);
    expect(isPersonJid("status@broadcast")).toBe(false);
  });
});

describe("whatsapp render", () => {
  it("renders choices as a numbered list under the text", () => {
    const text = renderText({
      kind: "text",
      text: "Silakan pilih layanan:",
      choices: [
        { id: "menu.apply", label: "Ajukan permohonan" },
        { id: "menu.status", label: "Cek status tiket" },
      ],
    });
    expect(text).toBe("Silakan pilih layanan:\n\n1. Ajukan permohonan\n2. Cek status tiket");
  });

  it("sends a plain text as it is, and a document with its caption", () => {
    expect(renderBody({ kind: "text", text: "Terima kasih" })).toEqual({ text: "Terima kasih" });
    const doc = renderBody({
      kind: "document",
      fileName: "surat.pdf",
      mime: "application/pdf",
      bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
      caption: "Surat Keterangan Gangguan",
    }) as { document: Buffer; fileName: string; mimetype: string; caption: string };
    expect(doc.fileName).toBe("surat.pdf");
    expect(doc.mimetype).toBe("application/pdf");
    expect(doc.caption).toBe("Surat Keterangan Gangguan");
    expect(Buffer.isBuffer(doc.document)).toBe(true);
  });
});
