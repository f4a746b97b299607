// Tried as a data-protection auditor would: a citizen's data is put
// everywhere the bot keeps it (citizen.support.ts), then erased ("hapus data
// saya", approved) or aged past the retention schedule; then EVERY table
// (text, json and bytea columns, sealed ones opened) and every Redis key of
// the run (BullMQ jobs, events, failed jobs) is searched for their name, NIK,
// phone number and e-mail. Nothing may be found. The clock of the retention
// run is injected, derived from the real now. A database of its own: a
// retention run a year ahead would purge every other test file's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideDeletion, finishErasure } from "../../core/app/privacy.ts";
import { applyRetention } from "../../core/app/retention.ts";
import { noMatchTerms } from "../../core/infra/knowledge/no-match-terms.ts";
import { testCipher } from "../support/app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { type Person, searchDatabase, searchRedis } from "../support/leak-search.ts";
import { AGENT_ID, privacyDeps, randomPerson, seedCitizen } from "./citizen.support.ts";
import { createHarness, type Harness } from "./privacy.support.ts";

let h: Harness;
let own: Awaited<ReturnType<typeof isolatedDatabase>>;
const DAY = 24 * 3600_000;
const policy = { attachmentDays: 90, personalDataDays: 365, messageDays: 30, orphanHours: 48 };

beforeAll(async () => {
  own = await isolatedDatabase("leaks");
  h = await createHarness("erasure-leaks", own.url);
});
afterAll(async () => {
  await h.close();
  await own.drop();
});

async function search(person: Person) {
  const db = await searchDatabase(h.db.prisma, testCipher, person);
  const redis = await searchRedis(h.redis, h.prefix, person);
  return { db, redis, findings: [...db.findings, ...redis.findings] };
}

/** What a channel does with the send-log: every message still waiting goes out. */
async function deliverPending(contactIds: string[]) {
  await h.db.prisma.outboundMessage.updateMany({
    where: { contactId: { in: contactIds }, status: "PENDING" },
    data: { status: "SENT", sentAt: new Date() },
  });
}

describe("a citizen's personal data", () => {
  it("is found everywhere before anything is erased (the search sees it)", async () => {
    const person = randomPerson();
    await seedCitizen(h, person);
    const { db, redis, findings } = await search(person);
    expect(db.columnsSearched).toBeGreaterThan(40);
    expect(db.valuesOpened).toBeGreaterThan(0);
    expect(redis.keysSearched).toBeGreaterThan(0);
    const where = new Set(findings.map((f) => f.where));
    for (const column of [
      "tickets.applicant_name_enc",
      "tickets.nik_enc",
      "tickets.email_enc",
      "ticket_events.reason",
      "audit_log.detail",
      "complaints.text",
      "contacts.external_id_enc",
      "contacts.display_name",
      "whatsapp_lid_mappings.pn_enc",
      "whatsapp_sent_messages.message_enc",
      "whatsapp_auth_state.key_id",
      "telegram_inbox.update_enc",
      "desk_relays.body_enc",
      "desk_notes.body_enc",
      "survey_responses.comment",
      "deletion_requests.reason",
      "disruption_letters.affected_parties",
      "dead_letters.error",
      "attachments.caption_enc",
      "outbound_messages.body_enc",
    ]) {
      expect(where, column).toContain(column);
    }
    // Sealed at rest: nothing of theirs in clear in a sealed column's raw bytes,
    // and no NIK or phone number in Redis, even in a failed job's error.
    expect(redis.findings).toEqual([]);
  });

  it("is found nowhere after an approved erasure", async () => {
    const person = randomPerson();
    const seeded = await seedCitizen(h, person);
    // A question no article answered, the surname typed in lower case: the one
    // word the redaction cannot tell from any other.
    const surname = person.name.split(" ")[1]?.toLowerCase() ?? "";
    const searched = await h.db.prisma.kbEvent.create({
      data: {
        at: new Date(),
        activity: "NO_MATCH",
        channel: "TELEGRAM",
        context: "free",
        terms: noMatchTerms(`akun ${surname} terkunci`),
      },
    });
    expect(searched.terms).toContain(noMatchTerms(surname)[0]);
    await h.inbound.handle({
      channel: "TELEGRAM",
      messageId: crypto.randomUUID(),
      sender: { externalId: seeded.chat },
      at: new Date().toISOString(),
      content: { type: "text", text: "hapus data saya" },
    });
    await h.inbound.handle({
      channel: "TELEGRAM",
      messageId: crypto.randomUUID(),
      sender: { externalId: seeded.chat },
      at: new Date().toISOString(),
      content: { type: "text", text: "ya" },
    });
    const request = await h.db.prisma.deletionRequest.findFirstOrThrow({
      where: { contactId: seeded.telegramContactId, status: "MENUNGGU" },
    });
    const decided = await decideDeletion(privacyDeps(h), {
      requestId: request.id,
      agentId: AGENT_ID,
      approve: true,
    });
    // Both contacts (the same NIK) and both tickets.
    expect(decided).toMatchObject({ type: "approved", counts: { tickets: 2 } });
    await deliverPending([seeded.telegramContactId, seeded.whatsappContactId]);
    expect(await finishErasure(privacyDeps(h), request.id, new Date())).toBe("finished");

    const { findings } = await search(person);
    expect(findings).toEqual([]);
    // The name's word is gone from the kept search; the question's words stay.
    const kept = await h.db.prisma.kbEvent.findUniqueOrThrow({ where: { id: searched.id } });
    expect(kept.terms).toEqual(noMatchTerms("akun terkunci"));
    // Statistics stay: the tickets, their numbers and statuses.
    expect(await h.db.prisma.ticket.count({ where: { id: { in: seeded.ticketIds } } })).toBe(2);
  }, 60_000);

  it("is found nowhere once the retention periods have passed", async () => {
    const person = randomPerson();
    const seeded = await seedCitizen(h, person);
    // The ticket is done with: closed now; the schedule runs a day after the longest period.
    await h.db.prisma.ticket.updateMany({
      where: { id: { in: seeded.ticketIds } },
      data: { status: "DITUTUP", closedAt: new Date() },
    });
    await deliverPending([seeded.telegramContactId, seeded.whatsappContactId]);
    const later = new Date(Date.now() + (policy.personalDataDays + 1) * DAY);
    const report = await applyRetention({ prisma: h.db.prisma, cipher: testCipher }, policy, later);
    expect(report.ticketsAnonymised).toBeGreaterThanOrEqual(2);

    const { findings } = await search(person);
    expect(findings).toEqual([]);
  }, 60_000);
});
