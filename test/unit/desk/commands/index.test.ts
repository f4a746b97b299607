import { describe, expect, it } from "vitest";
import {
  BUTTONS,
  GENERAL_COMMANDS,
  TOPIC_COMMANDS,
} from "../../../../bot/agent-desk/commands/index.ts";

describe("the desk's handler tables", () => {
  it("answer the same commands in a topic as before the split into modules", () => {
    expect([...TOPIC_COMMANDS.keys()].sort()).toEqual(
      [
        "ambil",
        "proses",
        "teruskan",
        "minta",
        "lanjut",
        "eskalasi",
        "selesai",
        "akhiri",
        "tolak",
        "tutup",
        "buka",
        "ktp",
        "templat",
        "riwayat",
        "kartu",
      ].sort(),
    );
  });

  it("answer the same commands anywhere in the group", () => {
    expect([...GENERAL_COMMANDS.keys()].sort()).toEqual(
      ["bantuan", "help", "start", "audit", "blokir", "bukablokir", "agen"].sort(),
    );
  });

  it("have no command in both tables (a topic's would hide the general one)", () => {
    for (const name of TOPIC_COMMANDS.keys()) expect(GENERAL_COMMANDS.has(name)).toBe(false);
  });

  it("find no handler for names of Object's prototype", () => {
    for (const name of ["constructor", "__proto__", "tostring"]) {
      expect(TOPIC_COMMANDS.get(name)).toBeUndefined();
      expect(GENERAL_COMMANDS.get(name)).toBeUndefined();
    }
  });

  it("handle every button action", () => {
    expect(Object.keys(BUTTONS).sort()).toEqual(
      [
        "claim",
        "process",
        "request",
        "resolve",
        "reject",
        "ktp",
        "tpl",
        "ts",
        "lok",
        "lno",
        "delok",
        "delno",
      ].sort(),
    );
  });
});
