import { describe, expect, it } from "vitest";
import { parseGlobalCommand } from "../../../core/domain/conversation/index.ts";

describe("parseGlobalCommand", () => {
  it.each([
    ["menu", { type: "menu" }],
    ["MENU", { type: "menu" }],
    ["/start", { type: "menu" }],
    ["batal", { type: "cancel" }],
    ["Batal!", { type: "cancel" }],
    ["cancel", { type: "cancel" }],
    ["kembali", { type: "back" }],
    ["back", { type: "back" }],
    ["bantuan", { type: "help" }],
    ["?", { type: "help" }],
    ["petugas", { type: "agent" }],
    ["bicara dengan petugas", { type: "agent" }],
    ["status", { type: "status", ticketNumber: null }],
    ["cek status", { type: "status", ticketNumber: null }],
    ["status LDK-2026-00042", { type: "status", ticketNumber: "LDK-2026-00042" }],
    ["Status ldk-2026-00042", { type: "status", ticketNumber: "LDK-2026-00042" }],
    ["cek status tiket: LDK 2026 00042", { type: "status", ticketNumber: "LDK-2026-00042" }],
    ["ldk-2026-00042", { type: "status", ticketNumber: "LDK-2026-00042" }],
    ["bahasa", { type: "language", target: "toggle" }],
    ["english", { type: "language", target: "en" }],
    ["English", { type: "language", target: "en" }],
    ["bahasa indonesia", { type: "language", target: "id" }],
    ["/datasaya", { type: "myData" }],
    ["/DataSaya", { type: "myData" }],
    ["data saya", { type: "myData" }],
    ["/hapusdata", { type: "deleteData" }],
    ["hapus data saya", { type: "deleteData" }],
  ])("%j -> %o", (input, expected) => {
    expect(parseGlobalCommand(input)).toEqual(expected);
  });

  it.each([
    "Status tender saya tidak berubah setelah upload",
    "saya mau batal upload",
    "menu tidak muncul di SPSE",
    "Budi Santoso",
    "6171011508900001",
    "status LDK-2026",
  ])("%j is an answer, not a command", (input) => {
    expect(parseGlobalCommand(input)).toBeNull();
  });
});
