// The service analyst's commands for complaints (pengaduan layanan), plugged
// into the desk as extra commands: /aduan shows one, /tanggapi answers it
// (still followed up), /aduanselesai answers and closes it. The answer
// reaches the user on their channel (core/app/complaints.ts).
import { answerComplaint, type ComplaintAnswerDeps } from "../../core/app/complaints.ts";
import { parseComplaintNumber } from "../../core/domain/shared/complaint-number.ts";
import { formatWibDateTime } from "../../core/domain/shared/wib-time.ts";
import type { AgentRole } from "../../core/infra/db.ts";
import { bound } from "../../core/infra/sealed-columns.ts";
import { recordAudit } from "../../core/infra/stores/audit.store.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { firstWord } from "./desk.commands.ts";
import type { DeskCommandHandler } from "./desk.context.ts";

/** Complaints are the service analyst's; a supervisor may act for them. */
const COMPLAINT_ROLES: ReadonlySet<AgentRole> = new Set<AgentRole>(["ANALIS", "SUPERVISOR"]);

const STATUS_LABEL: Record<string, string> = {
  BARU: "Baru",
  DITANGGAPI: "Sudah ditanggapi",
  SELESAI: "Selesai",
};

export const COMPLAINT_TEXT = {
  notAllowed:
    "Pengaduan layanan ditangani Analis Pelayanan; perintah ini untuk peran ANALIS atau SUPERVISOR.",
  usage: (command: string) => `Format: /${command} ADU-2026-00001 <teks tanggapan untuk pengguna>`,
  notFound: (number: string) => `Pengaduan ${number} tidak ditemukan.`,
  alreadyClosed: (number: string) =>
    `Pengaduan ${number} sudah selesai; tanggapannya tidak diubah.`,
  answered: (number: string, closed: boolean) =>
    closed
      ? `Pengaduan ${number} selesai. Tanggapan telah dikirim kepada pengguna.`
      : `Tanggapan untuk ${number} telah dikirim kepada pengguna; pengaduan masih ditindaklanjuti.`,
} as const;

export function complaintCommands(deps: ComplaintAnswerDeps): Record<string, DeskCommandHandler> {
  const e = escapeHtml;

  const answer =
    (command: string, close: boolean): DeskCommandHandler =>
    async ({ agent, args, reply }) => {
      if (!COMPLAINT_ROLES.has(agent.role)) return void (await reply(e(COMPLAINT_TEXT.notAllowed)));
      const { word, rest } = firstWord(args);
      const number = parseComplaintNumber(word);
      if (number === null || rest === "")
        return void (await reply(e(COMPLAINT_TEXT.usage(command))));
      const result = await answerComplaint(deps, {
        number,
        outcome: rest.slice(0, 2000),
        close,
        agentId: agent.id,
      });
      switch (result.type) {
        case "notFound":
          return void (await reply(e(COMPLAINT_TEXT.notFound(number))));
        case "alreadyClosed":
          return void (await reply(e(COMPLAINT_TEXT.alreadyClosed(number))));
        case "answered":
          return void (await reply(e(COMPLAINT_TEXT.answered(number, close))));
      }
    };

  const show: DeskCommandHandler = async ({ agent, args, reply }) => {
    if (!COMPLAINT_ROLES.has(agent.role)) return void (await reply(e(COMPLAINT_TEXT.notAllowed)));
    const number = parseComplaintNumber(firstWord(args).word);
    if (number === null) return void (await reply(e("Format: /aduan ADU-2026-00001")));
    const row = await deps.prisma.complaint.findUnique({ where: { number } });
    if (row === null) return void (await reply(e(COMPLAINT_TEXT.notFound(number))));
    // What the user wrote is theirs: who read it is on record.
    await recordAudit(deps.prisma, {
      actor: { type: "AGENT", agentId: agent.id },
      action: "complaint.view",
      contactId: row.contactId,
      detail: { complaintId: row.id },
    });
    const outcome =
      row.outcomeEnc === null
        ? null
        : deps.cipher.openText(
            Buffer.from(row.outcomeEnc),
            bound("complaints.outcome_enc", row.id),
          );
    const lines = [
      `<b>${e(row.number)}</b> · ${e(STATUS_LABEL[row.status] ?? row.status)} · ${e(row.channel)}`,
      `Diterima: ${formatWibDateTime(row.createdAt.toISOString())} WIB`,
      ...(row.dueAt
        ? [`Tanggapan paling lambat: ${formatWibDateTime(row.dueAt.toISOString())} WIB`]
        : []),
      `Isi: "${e(row.text.slice(0, 1500))}"`,
      ...(outcome === null ? [] : [`Tanggapan: ${e(outcome)}`]),
    ];
    await reply(lines.join("\n"));
  };

  return {
    aduan: show,
    tanggapi: answer("tanggapi", false),
    aduanselesai: answer("aduanselesai", true),
  };
}
