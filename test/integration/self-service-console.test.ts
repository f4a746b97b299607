// Self-service answers through the real pipeline (console channel, real
// PostgreSQL and Redis, the workers running, the shipped articles): a
// forgotten password answered without a ticket; an article that does not help
// and the intake going on where it was; what the statistics keep.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLifecycle } from "../../core/infra/lifecycle.ts";
import type { Runtime } from "../../core/infra/runtime.ts";
import { jpegFile, pngFile } from "../fixtures/files.ts";
import { capturingLogger, testAppConfig } from "../support/app.ts";
import { startConsoleApp } from "../support/console-app.ts";
import { isolatedDatabase } from "../support/database.ts";
import { deleteKeys, uniquePrefix } from "../support/redis.ts";

const NIK = "6171054101900001";
const prefix = uniquePrefix("kb-console");
const { logger } = capturingLogger();
const lifecycle = createLifecycle(logger, 5000);
let dir: string;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let runtime: Runtime;
let app: Awaited<ReturnType<typeof startConsoleApp>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lpse-kb-console-"));
  database = await isolatedDatabase("kbconsole");
  const config = testAppConfig(prefix, dir, {
    DATABASE_URL: database.url,
    SELF_SERVICE_ENABLED: "true",
  });
  app = await startConsoleApp({ config, logger, lifecycle, externalId: `console:${prefix}` });
  ({ runtime } = app);
  await writeFile(path.join(dir, "ktp.jpg"), jpegFile(40_000));
  await writeFile(path.join(dir, "layar.png"), pngFile(64, 48));
}, 90_000);

afterAll(async () => {
  await lifecycle.shutdown("test done");
  await deleteKeys(prefix);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

const say = (line: string) => app.say(line);

async function events() {
  return runtime.db.prisma.kbEvent.findMany({ orderBy: { at: "asc" } });
}

describe("self-service answers in the console", () => {
  it("answers a forgotten password from an article, with no ticket", async () => {
    const offer = await say("saya lupa password spse, gk bs login");
    expect(offer).toContain("Mungkin artikel berikut dapat membantu");
    expect(offer).toContain("1. Lupa password atau akun SPSE terkunci");
    expect(offer).toContain("Ajukan permohonan");
    const article = await say("1");
    expect(article).toContain("Yang perlu disiapkan:");
    expect(article).toContain("• Foto KTP");
    expect(article).toContain("Apakah ini menyelesaikan masalah Bapak/Ibu?");
    expect(article).toContain("1. Ya, sudah selesai");
    expect(article).toContain("2. Belum, lanjutkan laporan");
    expect(await say("1")).toContain("sudah terselesaikan");
    expect(await runtime.db.prisma.ticket.count()).toBe(0);

    const rows = await events();
    expect(rows.map((r) => [r.activity, r.articleId, r.context, r.channel])).toEqual([
      ["OFFERED", "lupa-password", "free", "CONSOLE"],
      ["OPENED", "lupa-password", "free", "CONSOLE"],
      ["RESOLVED", "lupa-password", "free", "CONSOLE"],
    ]);
    // One offer, linked by a keyed id; the query only as a keyed hash.
    expect(new Set(rows.map((r) => r.offerId)).size).toBe(1);
    expect(rows[0]?.offerId).toMatch(/^[0-9a-f]{32}$/u);
    expect(rows[0]?.queryHash).toMatch(/^[0-9a-f]{32}$/u);
    expect(rows.flatMap((r) => r.terms)).toEqual([]);
  });

  it("keeps only redacted terms of a question no article answers", async () => {
    const menu = await say(
      `Saya Budi dari CV Maju Jaya, NIK ${NIK}, hp 0812-3456-7890, pembayaran termin proyek belum cair`,
    );
    expect(menu).toContain("Ajukan permohonan penanganan masalah");
    const noMatch = (await events()).filter((r) => r.activity === "NO_MATCH");
    expect(noMatch).toHaveLength(1);
    const terms = noMatch[0]?.terms ?? [];
    expect(terms).toEqual(expect.arrayContaining(["termin", "proyek", "cair"]));
    for (const term of terms) expect(term).not.toMatch(/\d|budi|maju|jaya/u);
    expect(noMatch[0]?.queryHash).toMatch(/^[0-9a-f]{32}$/u);
  });

  it("goes on with the intake exactly where it was when the article does not help", async () => {
    await say("menu");
    await say("1");
    expect(await say("1")).toContain("UU Nomor 27 Tahun 2022");
    expect(await say("1")).toContain("nama lengkap");
    await say("Siti Aminah");
    await say(NIK);
    await say("penyedia");
    await say("CV Kapuas Jaya");
    await say("siti@example.com");
    expect(await say("0812-3456-7890")).toContain("jelaskan permasalahan");
    const offer = await say("Saya lupa password akun SPSE dan tidak bisa login sejak kemarin.");
    expect(offer).toContain("mungkin artikel berikut sudah menjawab");
    expect(offer).toContain("Lanjutkan laporan");
    expect(await say("1")).toContain("Apakah ini menyelesaikan masalah Bapak/Ibu?");
    const next = await say("2");
    expect(next).toContain("permohonan Bapak/Ibu kami lanjutkan");
    expect(next).toContain("untuk orang lain");
    expect(await say("2")).toContain("foto KTP");
    await say(`/kirim ${path.join(dir, "ktp.jpg")}`);
    await say(`/kirim ${path.join(dir, "layar.png")}`);
    const summary = await say("selesai");
    expect(summary).toContain("Nama lengkap: Siti Aminah");
    expect(summary).toContain("Saya lupa password akun SPSE dan tidak bisa login sejak kemarin.");
    const done = await say("1");
    const number = /LDK-\d{4}-\d{5}/u.exec(done)?.[0];
    expect(number, done).toBeDefined();
    const ticket = await runtime.db.prisma.ticket.findUniqueOrThrow({
      where: { number: number ?? "" },
    });
    expect(ticket.category).toBe("LUPA_PASSWORD");

    const intake = (await events()).filter((r) => r.context === "intake");
    expect(intake.map((r) => r.activity)).toEqual(["OFFERED", "OPENED", "NOT_RESOLVED"]);
  });
});
