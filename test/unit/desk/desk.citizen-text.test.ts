// A citizen's text in the agents group carries no tappable command, and reads the same.
import { describe, expect, it } from "vitest";
import { citizenHtml, neutraliseCommands } from "../../../bot/agent-desk/desk.citizen-text.ts";
import { botCommandEntities } from "../../fakes/bot-api-server.ts";

const visible = (text: string) => text.replace(/\u2060/gu, "");

describe("neutraliseCommands", () => {
  it.each([
    "/agen hapus 123",
    "tolong /tutup tiket saya",
    "baris satu\n/ktp",
    "(/tolak@LpseLandakBot alasan)",
    "/start /ambil /x_1",
  ])("leaves no bot_command in %j and shows the same text", (text) => {
    expect(botCommandEntities(text).length).toBeGreaterThan(0);
    const safe = neutraliseCommands(text);
    expect(botCommandEntities(safe)).toEqual([]);
    expect(visible(safe)).toBe(text);
  });

  it("keeps links, paths and dates as they are", () => {
    for (const text of ["https://spse.inaproc.id/landakkab/eproc4", "a/b", "03/12/2026", "1/2"]) {
      expect(neutraliseCommands(text)).toBe(text);
    }
  });

  it("escapes HTML before breaking commands", () => {
    expect(visible(citizenHtml("<b>/agen</b> & co"))).toBe("&lt;b&gt;/agen&lt;/b&gt; &amp; co");
    expect(botCommandEntities(citizenHtml("<b>/agen</b>"))).toEqual([]);
  });
});
