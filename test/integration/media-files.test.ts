// Hostile files sent as a user would, through the Telegram channel on the real
// pipeline: PDFs that act when an agent opens them (escaped names, objects in
// compressed streams) are refused with their own answer and nothing is
// stored; a WebP is stored only as a re-encoded PNG or JPEG without its
// metadata, and one that does not decode is refused.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveContact } from "../../core/infra/stores/contact.store.ts";
import { readMedia } from "../../core/infra/stores/media.store.ts";
import type { FakeUser } from "../fakes/bot-api-server.ts";
import { FAKE_GPS, pattern, pdfFile, webpWithMetadata } from "../fixtures/files.ts";
import { HOSTILE_PDFS, onePagePdf, SAFE_PDF } from "../fixtures/pdf.ts";
import { startTelegramApp, type TelegramApp, textOf } from "../support/telegram-app.ts";

let app: TelegramApp;
beforeAll(async () => {
  app = await startTelegramApp("media-files");
}, 60_000);
afterAll(() => app?.stop());

const contactOf = async (user: FakeUser) =>
  (
    await resolveContact(app.runtime.db.prisma, app.services.cipher, "TELEGRAM", {
      externalId: String(user.id),
    })
  ).id;
const filesOf = (contactId: string) =>
  app.runtime.db.prisma.attachment.findMany({
    where: { contactId },
    orderBy: { createdAt: "asc" },
  });
const sendDocument = async (user: FakeUser, bytes: Buffer, mime: string, name: string) =>
  textOf(await app.exchange(user, () => app.fake.document(user, bytes, mime, name)));

describe("hostile files through the Telegram channel", () => {
  it("stores a KTP sent as WebP only re-encoded, its EXIF and XMP gone, and refuses a broken one", async () => {
    const user = app.newUser("Siti");
    await app.walkToKtp(user);
    const contactId = await contactOf(user);

    const broken = Buffer.from(webpWithMetadata());
    broken.fill(0x41, 40, 50);
    expect(await sendDocument(user, broken, "image/webp", "ktp.webp")).toMatch(/JPG, PNG/u);
    expect(await filesOf(contactId)).toEqual([]);

    const photo = await sharp(Buffer.from(pattern(48, 32)), {
      raw: { width: 48, height: 32, channels: 4 },
    })
      .removeAlpha()
      .webp({ quality: 90 })
      .withExifMerge({ IFD0: { ImageDescription: FAKE_GPS } })
      .toBuffer();
    expect(photo.toString("latin1")).toContain(FAKE_GPS);
    expect(await sendDocument(user, photo, "image/webp", "ktp.webp")).toContain("surat kuasa");
    const [stored] = await filesOf(contactId);
    expect(stored?.mime).toBe("image/jpeg");
    const bytes = (await readMedia(app.runtime.db.prisma, app.services.cipher, stored?.id ?? ""))
      ?.bytes;
    if (!bytes) throw new Error("stored KTP unreadable");
    expect(bytes.includes(FAKE_GPS)).toBe(false);
    expect(bytes.toString("latin1")).not.toMatch(/RIFF|WEBP|VP8/u);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "jpeg", width: 48, height: 32 });
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
  }, 60_000);

  it("refuses PDFs that act when opened, escaped or compressed, and takes a plain one", async () => {
    const user = app.newUser("Rina");
    await app.walkToKtp(user);
    const contactId = await contactOf(user);
    const ktp = await sharp({
      create: { width: 40, height: 30, channels: 3, background: "#808080" },
    })
      .jpeg()
      .toBuffer();
    expect(textOf(await app.exchange(user, () => app.fake.photo(user, ktp)))).toContain(
      "surat kuasa",
    );
    const before = (await filesOf(contactId)).length;

    for (const [label, hostile] of Object.entries(HOSTILE_PDFS)) {
      for (const packed of [false, true]) {
        const pdf = onePagePdf({ ...hostile.pdf, packed });
        const reply = await sendDocument(user, pdf, "application/pdf", "kuasa.pdf");
        expect(reply, `${label}${packed ? " (packed)" : ""}`).toContain(
          "tidak dapat kami terima demi keamanan",
        );
      }
    }
    expect(await filesOf(contactId)).toHaveLength(before);

    // A plain document (a web link, opening at its first page) goes through as sent.
    const plain = onePagePdf({ ...SAFE_PDF, packed: true });
    expect(await sendDocument(user, plain, "application/pdf", "kuasa.pdf")).toContain("screenshot");
    const files = await filesOf(contactId);
    expect(files.map((f) => f.mime)).toEqual(["image/jpeg", "application/pdf"]);
    const kept = await readMedia(app.runtime.db.prisma, app.services.cipher, files[1]?.id ?? "");
    expect(kept?.bytes.equals(plain)).toBe(true);
  }, 120_000);

  it("stops reading a file larger than Telegram claims, and tells the user the limit", async () => {
    const user = app.newUser("Dewi");
    await app.walkToKtp(user);
    const big = Buffer.concat([pdfFile(), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const reply = textOf(
      await app.exchange(user, () =>
        app.fake.document(user, big, "application/pdf", "ktp.pdf", { claimedSize: 2000 }),
      ),
    );
    expect(reply).toContain("Ukuran file terlalu besar (maksimal 10 MB)");
    expect(app.logLines.some((l) => l.includes("body over the limit"))).toBe(true);
    expect(await filesOf(await contactOf(user))).toEqual([]);
  }, 60_000);

  it("never fetches a blocked sender's file", async () => {
    const user = app.newUser("Joko");
    await app.say(user, "/start");
    await app.runtime.db.prisma.contact.update({
      where: { id: await contactOf(user) },
      data: { blocked: true },
    });
    const updateId = app.fake.document(user, pdfFile(), "application/pdf", "kuasa.pdf");
    const fileId = (
      app.fake.injected.find((u) => u.update_id === updateId)?.message as
        | { document?: { file_id: string } }
        | undefined
    )?.document?.file_id;
    expect(fileId).toBeDefined();
    // Claimed (handled without an answer) like anything a blocked sender sends.
    await app.fake.waitFor(
      () => app.logLines.some((l) => l.includes(`"updateId":${updateId}`) && l.includes("blocked")),
      15_000,
      "the update handled",
    );
    expect(app.fake.callsOf("getFile").filter((c) => c.params.file_id === fileId)).toEqual([]);
  }, 30_000);
});
