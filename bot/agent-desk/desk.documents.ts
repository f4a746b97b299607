// Document commands of the desk: `/surat` (the Surat Keterangan Gangguan LPSE,
// previewed, then issued on an agent's confirmation) in a ticket's topic, and
// `/laporan [bulan]` (the monthly report as PDF and CSV) anywhere.
import { type Api, InputFile } from "grammy";
import {
  type DisruptionLetterInput,
  issueDisruptionLetter,
  previewDisruptionLetter,
} from "../../core/app/letters.ts";
import { exportMonthlyReport } from "../../core/app/monthly-report.ts";
import { ReportMonthError } from "../../core/app/report-month.ts";
import type { DocumentDeps } from "../../core/app/request-form.ts";
import { wibWallTimeToIso } from "../../core/domain/shared/wib-time.ts";
import type { CalendarSource } from "../../core/domain/sla/calendar-overrides.ts";
import type { Agent } from "../../core/infra/db.ts";
import type { RedisClient } from "../../core/infra/redis.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import type { DeskCommandHandler } from "./desk.context.ts";
import { createLetterPreviewStore } from "./letter-preview.store.ts";

const USAGE =
  "/surat 10012345 | 28/11/2026 09.00 | 28/11/2026 13.30 | seluruh peserta tender paket tersebut";

/** "28/11/2026 09.00" (WIB) as an instant; null when it is not a real time. */
export function parseWibDateTime(text: string): Date | null {
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})\s+(\d{1,2})[.:](\d{2})$/u.exec(text.trim());
  if (!m) return null;
  const iso = wibWallTimeToIso({
    day: Number(m[1]),
    month: Number(m[2]),
    year: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
  });
  return iso === null ? null : new Date(iso);
}

/** `kode | mulai | selesai | pihak terdampak` */
export function parseLetterArgs(
  args: string,
): { tenderCode: string; start: Date; end: Date; parties: string } | null {
  const parts = args.split("|").map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => p === "")) return null;
  const [tenderCode, startText, endText, parties] = parts as [string, string, string, string];
  const start = parseWibDateTime(startText);
  const end = parseWibDateTime(endText);
  if (!start || !end || end < start) return null;
  return { tenderCode, start, end, parties };
}

/** "1 jam", "30 menit": how long a preview stays valid, as the agent reads it. */
function validity(ms: number): string {
  return ms % 3_600_000 === 0
    ? `${ms / 3_600_000} jam`
    : `${Math.max(1, Math.round(ms / 60_000))} menit`;
}

export function createDeskDocuments(deps: {
  documentDeps: DocumentDeps;
  api: Api;
  chatId: string;
  /** Where previews wait for "Terbitkan", shared by every bot process. */
  redis: RedisClient;
  /** The queue prefix (QUEUE_PREFIX), for the previews' keys. */
  keyPrefix: string;
  /** How long a preview can be issued; an hour unless a test says otherwise. */
  previewTtlMs?: number;
  /** The office calendar, so the report's service times skip holidays. */
  calendar?: CalendarSource;
  now?: () => Date;
}) {
  const { api, chatId } = deps;
  const now = deps.now ?? (() => new Date());
  const previews = createLetterPreviewStore({
    redis: deps.redis,
    cipher: deps.documentDeps.cipher,
    prefix: deps.keyPrefix,
    ...(deps.previewTtlMs === undefined ? {} : { ttlMs: deps.previewTtlMs }),
  });
  const e = escapeHtml;

  const sendPdf = (
    threadId: number | undefined,
    bytes: Buffer,
    fileName: string,
    caption: string,
  ) =>
    api.sendDocument(chatId, new InputFile(bytes, fileName), {
      ...(threadId === undefined ? {} : { message_thread_id: threadId }),
      protect_content: true,
      caption: caption.slice(0, 1024),
    });

  const surat: DeskCommandHandler = async ({ agent, args, topic, reply }) => {
    if (!topic?.ticketId) {
      await reply(e("Perintah /surat hanya dapat dipakai di dalam topik tiket."));
      return;
    }
    const parsed = parseLetterArgs(args);
    if (!parsed) {
      await reply(
        e(
          `Mohon lengkapi data surat: kode tender/paket | mulai gangguan | selesai gangguan | pihak terdampak (waktu WIB, dd/mm/yyyy jj.mm). Contoh:\n${USAGE}`,
        ),
      );
      return;
    }
    const input: DisruptionLetterInput = {
      ticketId: topic.ticketId,
      tenderCode: parsed.tenderCode,
      disruptionStart: parsed.start,
      disruptionEnd: parsed.end,
      affectedParties: parsed.parties,
      agentId: agent.id,
    };
    const preview = await previewDisruptionLetter(deps.documentDeps, input);
    if (!preview.ok) {
      await reply(e(preview.error.message));
      return;
    }
    const key = await previews.put({ input, threadId: topic.threadId });
    await sendPdf(topic.threadId, preview.value.pdf, preview.value.fileName, "Pratinjau surat");
    await reply(
      e(
        `Periksa pratinjau Surat Keterangan Gangguan di atas. Terbitkan? Nomor surat baru diambil saat diterbitkan, lalu surat dikirim ke pengguna. Pratinjau ini berlaku ${validity(previews.ttlMs)}.`,
      ),
      {
        reply_markup: {
          inline_keyboard: [
            [
              { text: "✅ Terbitkan", callback_data: `d:lok:${key}` },
              { text: "❎ Batal", callback_data: `d:lno:${key}` },
            ],
          ],
        },
      },
    );
  };

  /** The agent's answer to a preview. */
  async function decideLetter(
    agent: Agent,
    key: string,
    confirm: boolean,
    reply: (html: string) => Promise<unknown>,
  ) {
    // Taken before issuing and never put back: if issuing fails half-way (say
    // the letter is stored but posting it here fails), a retry must not issue
    // a second letter; the agent runs /surat again if none was issued.
    const taken = await previews.take(key);
    if (taken.type === "expired") {
      await reply(
        e(
          "Pratinjau surat ini sudah kedaluwarsa, sehingga tidak dapat diterbitkan lagi. Silakan jalankan /surat lagi untuk membuat pratinjau baru.",
        ),
      );
      return;
    }
    if (taken.type === "alreadyTaken") {
      await reply(
        e(
          "Pratinjau surat ini sudah tidak berlaku karena sudah diproses (diterbitkan atau dibatalkan). Bila perlu surat lagi, jalankan /surat.",
        ),
      );
      return;
    }
    const entry = taken.preview;
    if (!confirm) {
      await reply(e("Penerbitan surat dibatalkan."));
      return;
    }
    const issued = await issueDisruptionLetter(deps.documentDeps, {
      ...entry.input,
      agentId: agent.id,
    });
    if (!issued.ok) {
      await reply(e(issued.error.message));
      return;
    }
    await sendPdf(
      entry.threadId,
      issued.value.pdf,
      issued.value.fileName,
      `Surat ${issued.value.number} diterbitkan dan dikirim ke pengguna.`,
    );
  }

  const laporan: DeskCommandHandler = async ({ agent, args, topic, reply }) => {
    await reply(e("⏳ Menyusun laporan bulanan, mohon tunggu…"));
    try {
      const month = args.trim() || undefined;
      const report = await exportMonthlyReport(
        {
          prisma: deps.documentDeps.prisma,
          documents: deps.documentDeps.documents,
          ...(deps.calendar ? { calendar: deps.calendar.current() } : {}),
          now,
        },
        month,
      );
      await recordAudit(deps.documentDeps.prisma, {
        actor: { type: "AGENT", agentId: agent.id },
        action: "report.export",
        detail: { month: report.report.month, via: "telegram" },
      });
      const threadId = topic?.threadId;
      await sendPdf(threadId, report.pdf, `${report.fileBase}.pdf`, report.summaryText);
      await api.sendDocument(
        chatId,
        new InputFile(Buffer.from(report.csv, "utf8"), `${report.fileBase}.csv`),
        {
          ...(threadId === undefined ? {} : { message_thread_id: threadId }),
          protect_content: true,
        },
      );
    } catch (err) {
      if (err instanceof ReportMonthError) {
        await reply(e("Bulan tidak dikenali. Contoh: /laporan 2026-11"));
        return;
      }
      throw err;
    }
  };

  return { commands: { surat, laporan }, decideLetter };
}
