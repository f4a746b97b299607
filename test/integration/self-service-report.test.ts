// The self-service section of the monthly report on the real PostgreSQL: a
// month of article activity (last WIB month, whenever the suite runs, in a
// database of this file's own) and the figures worked out by hand.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportMonthlyReport } from "../../core/app/monthly-report.ts";
import { type Database, openDatabase } from "../../core/infra/db.ts";
import {
  readArticleFolder,
  SHIPPED_ARTICLES_DIR,
} from "../../core/infra/knowledge/article-files.ts";
import { importArticleFiles } from "../../core/infra/stores/article.store.ts";
import { newTicket } from "../support/app.ts";
import { plus, wibMonth, wibMonthStart } from "../support/clock.ts";
import { isolatedDatabase } from "../support/database.ts";
import { pdfPlain } from "../support/pdf.ts";

let db: Database;
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
const monthStart = wibMonthStart(-1);
const month = wibMonth(monthStart);
const day = (n: number) => plus({ days: n, hours: 3 }, monthStart);

type Activity = "OFFERED" | "OPENED" | "RESOLVED" | "NOT_RESOLVED" | "NO_MATCH";

async function offer(articleId: string, after: Activity[], at: Date) {
  const offerId = randomUUID().replaceAll("-", "");
  await db.prisma.kbEvent.create({
    data: {
      at,
      activity: "OFFERED",
      channel: "WHATSAPP",
      context: "free",
      offerId,
      articleId,
      offered: [articleId],
    },
  });
  for (const activity of after) {
    await db.prisma.kbEvent.create({
      data: { at, activity, channel: "WHATSAPP", context: "free", offerId, articleId },
    });
  }
}

beforeAll(async () => {
  database = await isolatedDatabase("kbreport");
  db = await openDatabase({ kind: "postgres", url: database.url });
  await importArticleFiles(
    db.prisma,
    (await readArticleFolder(SHIPPED_ARTICLES_DIR)).files,
    day(0),
  );
  // Three questions answered by the password article, one not; one by the cost article.
  for (const n of [1, 2, 3]) await offer("lupa-password", ["OPENED", "RESOLVED"], day(n));
  await offer("lupa-password", ["OPENED", "NOT_RESOLVED"], day(4));
  await offer("biaya-layanan", ["OPENED", "RESOLVED"], day(5));
  await offer("kendala-otp", [], day(6));
  for (const terms of [["termin", "cair"], ["termin", "proyek"], ["sanggah"]]) {
    await db.prisma.kbEvent.create({
      data: { at: day(7), activity: "NO_MATCH", channel: "TELEGRAM", context: "free", terms },
    });
  }
  // Outside the month: not counted.
  await offer("lupa-password", ["OPENED", "RESOLVED"], plus({ days: -2 }, monthStart));
  // Six tickets filed in the month.
  for (const n of [1, 2, 3, 4, 5, 6]) await newTicket(db, day(n));
}, 60_000);

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe("the monthly report's self-service section", () => {
  it("counts answers, the deflection rate, the articles most opened and searches with no match", async () => {
    const exported = await exportMonthlyReport({ prisma: db.prisma }, month);
    expect(exported.report.selfService).toEqual({
      offers: 6,
      opened: 5,
      answered: 4,
      notAnswered: 1,
      // 4 answered by articles / (4 + 6 tickets)
      deflectionRate: 0.4,
      mostOpened: [
        {
          key: "lupa-password",
          label: "Lupa password atau akun SPSE terkunci",
          count: 4,
          answered: 3,
        },
        { key: "biaya-layanan", label: "Biaya layanan", count: 1, answered: 1 },
      ],
      noMatch: {
        searches: 3,
        terms: [
          { key: "termin", label: "termin", count: 2 },
          { key: "cair", label: "cair", count: 1 },
          { key: "proyek", label: "proyek", count: 1 },
          { key: "sanggah", label: "sanggah", count: 1 },
        ],
      },
    });
    expect(exported.csv).toContain("mandiri,DEFLECTION,Tingkat penyelesaian mandiri,persen,40");
    expect(exported.csv).toContain(
      "artikel,lupa-password,Lupa password atau akun SPSE terkunci,dibuka,4",
    );
    expect(exported.csv).toContain("tanpa_hasil,termin,termin,jumlah,2");
    expect(exported.summaryText).toContain(
      "Jawaban mandiri: 4 pertanyaan terjawab oleh artikel (tingkat penyelesaian mandiri 40,0 %); 3 pencarian tanpa artikel yang cocok",
    );
    const text = await pdfPlain(exported.pdf);
    expect(text).toContain("Jawaban mandiri (artikel bantuan)");
    expect(text).toContain("Lupa password atau akun SPSE terkunci");
    expect(text).toContain("4 dibuka, 3 terjawab");
    expect(text).toContain("termin");
  });
});
