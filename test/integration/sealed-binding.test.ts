// An attacker (or a buggy query) with write access to the database copies a
// sealed value from one row or column into another. Every box is bound to its
// table, column and row (AES-GCM additional data), so the copy must not open:
// no citizen's notifications redirected to another chat, no NIK shown as a
// phone number, no KTP photo showing up under somebody else's ticket.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFormData } from "../../core/app/request-form.ts";
import { loadConfig } from "../../core/config.ts";
import { CryptoError } from "../../core/infra/crypto-format.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import { contactExternalId, resolveContact } from "../../core/infra/stores/contact.store.ts";
import { readMedia, storeMedia } from "../../core/infra/stores/media.store.ts";
import { jpegFile } from "../fixtures/files.ts";
import { newTicket, testCipher } from "../support/app.ts";
import { TEST_DATABASE_URL } from "../support/env.ts";

let db: Database;
const { documents } = loadConfig({});

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: TEST_DATABASE_URL });
});
afterAll(async () => {
  await db.close();
});

async function twoContacts() {
  const make = (who: string) =>
    db.prisma.$transaction((tx) =>
      resolveContact(tx, testCipher, "TELEGRAM", { externalId: `${who}-${randomUUID()}` }),
    );
  return { victim: await make("victim"), attacker: await make("attacker") };
}

describe("a sealed value copied into another row or column", () => {
  it("a channel address copied onto another contact does not open", async () => {
    const { victim, attacker } = await twoContacts();
    // Before the copy each opens on its own row.
    expect(contactExternalId(testCipher, victim)).toMatch(/^victim-/);
    // The attacker's address on the victim's row: the victim's notifications would go to them.
    await db.prisma.$executeRaw`
      UPDATE contacts SET external_id_enc = (SELECT external_id_enc FROM contacts WHERE id = ${attacker.id}::uuid)
      WHERE id = ${victim.id}::uuid`;
    const tampered = await db.prisma.contact.findUniqueOrThrow({ where: { id: victim.id } });
    expect(() => contactExternalId(testCipher, tampered)).toThrow(CryptoError);
  });

  it("a NIK copied into the phone column of the same ticket does not open", async () => {
    const { ticketId } = await newTicket(db, new Date());
    expect(
      (await requestFormData({ prisma: db.prisma, cipher: testCipher, documents }, ticketId))
        ?.applicant.maskedPhone,
    ).toMatch(/^\+62/);
    await db.prisma
      .$executeRaw`UPDATE tickets SET phone_enc = nik_enc WHERE id = ${ticketId}::uuid`;
    await expect(
      requestFormData({ prisma: db.prisma, cipher: testCipher, documents }, ticketId),
    ).rejects.toThrow(CryptoError);
  });

  it("a NIK copied from another ticket does not open", async () => {
    const a = await newTicket(db, new Date(), { nik: "6171054101900011" });
    const b = await newTicket(db, new Date(), { nik: "6171054101900022" });
    await db.prisma.$executeRaw`
      UPDATE tickets SET nik_enc = (SELECT nik_enc FROM tickets WHERE id = ${a.ticketId}::uuid)
      WHERE id = ${b.ticketId}::uuid`;
    await expect(
      requestFormData({ prisma: db.prisma, cipher: testCipher, documents }, b.ticketId),
    ).rejects.toThrow(CryptoError);
  });

  it("a document (bytes and wrapped key) copied onto another attachment does not open", async () => {
    const { victim, attacker } = await twoContacts();
    const store = async (contactId: string, size: number) => {
      const stored = await storeMedia(db.prisma, testCipher, {
        contactId,
        bytes: jpegFile(size),
        maxBytes: 1e6,
      });
      if (!stored.ok) throw new Error(`not stored: ${stored.reason}`);
      return stored.mediaId;
    };
    const victimKtp = await store(victim.id, 4000);
    const attackerFile = await store(attacker.id, 3000);
    expect(await readMedia(db.prisma, testCipher, attackerFile)).not.toBeNull();
    // The victim's KTP under the attacker's attachment row, key and all.
    await db.prisma.$executeRaw`
      UPDATE attachments a SET key_id = v.key_id, wrapped_key = v.wrapped_key, data = v.data, mime = v.mime
      FROM attachments v WHERE v.id = ${victimKtp}::uuid AND a.id = ${attackerFile}::uuid`;
    await expect(readMedia(db.prisma, testCipher, attackerFile)).rejects.toThrow(CryptoError);
    // The victim's own row still opens.
    expect(await readMedia(db.prisma, testCipher, victimKtp)).not.toBeNull();
  });
});
