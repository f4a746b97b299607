// Issue 19, point 1, where no agents group is configured: "petugas" must not
// promise a person. On Telegram (local Bot API server, real grammY) and on
// WhatsApp (fake socket), over the real pipeline.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConversation } from "../../core/infra/stores/conversation.store.ts";
import { type Journeys, startJourneys } from "./journeys.support.ts";

let j: Journeys;

beforeAll(async () => {
  j = await startJourneys("journeys-nodesk", { desk: false });
}, 60_000);

afterAll(async () => {
  await j?.close();
});

describe("'petugas' without an agents group", () => {
  it("Telegram: the office's phone, e-mail, address and hours, and the bot stays with the user", async () => {
    const user = j.person();
    j.fake.text(user, "/start");
    await j.tgWait(user, "Selamat datang");
    j.fake.text(user, "petugas");
    const told = await j.tgWait(user, "belum tersedia melalui chat ini");
    const text = j.plain(told);
    expect(text).toContain("• Telepon/WhatsApp Helpdesk: 0811579941");
    expect(text).toContain("Jalan Raya Ngabang");
    expect(text).toContain("• Jam layanan: Senin–Jumat 07.30–16.00 WIB");
    expect(text).not.toMatch(/akan membalas|telah kami teruskan/u);
    const contactId = await j.contactId("TELEGRAM", String(user.id));
    expect(
      (await loadConversation(j.runtime.db.prisma, j.services.cipher, contactId)).state?.mode.type,
    ).toBe("menu");
    // Nobody was asked for: no topic, no hand-off job.
    expect(j.fake.callsOf("createForumTopic")).toHaveLength(0);
    expect(
      await j.runtime.db.prisma.outboxEvent.count({
        where: { name: "handoff.requested", payload: { path: ["contactId"], equals: contactId } },
      }),
    ).toBe(0);
    // The menu is still the bot's: "2" is a pick, not a message into silence.
    const from = j.sentTo(user).length;
    j.fake.text(user, "2");
    await j.tgWait(user, "Mohon kirim nomor tiket", from);
  });

  it("WhatsApp: the same, in WhatsApp's own list markup", async () => {
    const jid = j.jid();
    j.waSay(jid, "halo");
    await j.waWait(jid, "Selamat datang");
    j.waSay(jid, "petugas");
    const told = await j.waWait(jid, "belum tersedia melalui chat ini");
    expect(told).toContain("- Telepon/WhatsApp Helpdesk: 0811579941");
    expect(told).not.toMatch(/akan membalas|telah kami teruskan/u);
  });
});
