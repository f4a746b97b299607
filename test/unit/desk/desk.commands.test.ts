import { describe, expect, it } from "vitest";
import {
  buttonData,
  firstWord,
  parseButtonData,
  parseDeskInput,
  parseTicketNumber,
} from "../../../bot/agent-desk/desk.commands.ts";

const ID = "01a22425-7fb9-751b-9ff4-dabffb5c73f6";

describe("what an agent's message in a topic means", () => {
  it.each([
    ["// cek dulu ke LKPP", { type: "note", text: "cek dulu ke LKPP" }],
    ["  //tanpa spasi", { type: "note", text: "tanpa spasi" }],
    [
      "/catatan pengguna sudah dua kali reset",
      { type: "note", text: "pengguna sudah dua kali reset" },
    ],
    ["/note in English", { type: "note", text: "in English" }],
    ["/ambil", { type: "command", name: "ambil", args: "" }],
    ["/AMBIL@LpseLandakBot", { type: "command", name: "ambil", args: "" }],
    [
      "/teruskan VERIFIKATOR akta\nperlu dicek",
      { type: "command", name: "teruskan", args: "VERIFIKATOR akta\nperlu dicek" },
    ],
    ["Selamat siang Bapak", { type: "reply", text: "Selamat siang Bapak" }],
    ["Harga 1/2 dari biasanya", { type: "reply", text: "Harga 1/2 dari biasanya" }],
    ["/ bukan perintah", { type: "reply", text: "/ bukan perintah" }],
  ])("%j", (raw, expected) => {
    expect(parseDeskInput(raw)).toEqual(expected);
  });

  it("splits the first word from the rest", () => {
    expect(firstWord("  VERIFIKATOR  akta perlu dicek ")).toEqual({
      word: "VERIFIKATOR",
      rest: "akta perlu dicek",
    });
    expect(firstWord("")).toEqual({ word: "", rest: "" });
  });

  it.each([
    ["LDK-2026-00042", "LDK-2026-00042"],
    ["/audit ldk-2026-42", "LDK-2026-00042"],
    ["ldk 2026 7", "LDK-2026-00007"],
    ["tiket 2026-00042", null],
    ["LDK-26-42", null],
  ])("reads the ticket number in %j", (text, expected) => {
    expect(parseTicketNumber(text)).toBe(expected);
  });
});

describe("button payloads", () => {
  it("round-trips every kind within Telegram's 64 bytes", () => {
    for (const button of [
      { action: "claim", id: ID },
      { action: "ktp", id: ID },
      { action: "ts", id: ID, template: "reset-password-12345" },
      { action: "delok", id: ID },
    ] as const) {
      const data = buttonData(button);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseButtonData(data)).toEqual(button);
    }
  });

  it("refuses payloads it did not make", () => {
    for (const data of [
      "menu.apply",
      "d:claim:not-a-uuid",
      `d:drop:${ID}`,
      `d:ts:${ID}:bad template`,
      `x:claim:${ID}`,
      "d:claim",
    ]) {
      expect(parseButtonData(data)).toBeNull();
    }
  });

  it("throws rather than send a payload Telegram would refuse", () => {
    expect(() =>
      buttonData({ action: "ts", id: ID, template: "a-template-id-far-too-long" }),
    ).toThrow(/too long/);
  });
});
