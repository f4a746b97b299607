// The ticket card (first message of a ticket's topic) and the topic's name.
// Pure: the desk loads and decrypts the ticket, this only lays it out. The NIK
// and the phone number are masked; the KTP is never on the card.
import type { InlineKeyboardButton } from "grammy/types";
import { DEFAULT_CATEGORIES } from "../../core/content/categories.content.ts";
import { priorityLabel, slaStageLabel, teamLabel } from "../../core/content/desk-labels.content.ts";
import { DESK_BUTTONS } from "../../core/content/messages/desk.messages.ts";
import { ROLES } from "../../core/content/roles.content.ts";
import { TICKET_STATUS_TEXT, type TicketStatus } from "../../core/content/ticket-status.content.ts";
import { maskNik } from "../../core/domain/shared/nik.validator.ts";
import { formatWibDateTime } from "../../core/domain/shared/wib-time.ts";
import { escapeHtml } from "../telegram/telegram.render.ts";
import { citizenHtml } from "./desk.citizen-text.ts";
import { buttonData } from "./desk.commands.ts";
import { guidedCardButtons } from "./desk.guided-buttons.ts";

export interface CardTicket {
  id: string;
  number: string;
  category: string;
  status: TicketStatus;
  priority: string;
  team: string | null;
  channel: string;
  language: "ID" | "EN";
  applicantName: string;
  /** Decrypted for masking only; null once anonymised. */
  nik: string | null;
  phone: string | null;
  role: string | null;
  organisation: string | null;
  email: string | null;
  tenderCode: string | null;
  bidDeadline: Date | null;
  actingForOther: boolean;
  description: string;
  lkppTicketNumber: string | null;
  slaStage: string | null;
  slaDueAt: Date | null;
  slaPausedAt: Date | null;
  createdAt: Date;
  assigneeName: string | null;
  /** Attachment kinds in the order they were sent. */
  documents: string[];
}

export const categoryLabel = (id: string) =>
  DEFAULT_CATEGORIES.find((c) => c.id === id)?.label.id ?? id;

export const statusLabel = (status: TicketStatus) => TICKET_STATUS_TEXT[status].label.id;

const roleLabel = (id: string | null) =>
  id === null ? "-" : (ROLES.find((r) => r.id === id)?.label.id ?? id);

/** +62811****941: enough to recognise, not to dial. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 6)}${"*".repeat(phone.length - 9)}${phone.slice(-3)}`;
}

const DOCUMENT_LABELS: Record<string, string> = {
  KTP: "KTP",
  SURAT_KUASA: "Surat kuasa",
  REQUEST_LETTER: "Surat permohonan",
  SCREENSHOT: "Tangkapan layar",
  REQUEST_FORM: "Formulir permohonan",
  DISRUPTION_LETTER: "Surat keterangan gangguan",
  RELAY: "Kiriman pengguna",
  OTHER: "Dokumen lain",
};

export const documentLabel = (kind: string) => DOCUMENT_LABELS[kind] ?? kind;

/** Kinds a ticket holds one of: their files are not numbered. */
const SINGLE_KINDS = new Set(["KTP", "SURAT_KUASA", "REQUEST_LETTER", "REQUEST_FORM"]);

/**
 * The caption and file name of a ticket's documents in its topic, numbered per
 * kind: "Tangkapan layar 2" / tangkapan-layar-2, "Formulir permohonan".
 */
export function documentFileLabels(
  kinds: readonly string[],
): { label: string; baseName: string }[] {
  const seen = new Map<string, number>();
  return kinds.map((kind) => {
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    const label = SINGLE_KINDS.has(kind) ? documentLabel(kind) : `${documentLabel(kind)} ${n}`;
    const baseName = label
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, "-")
      .replace(/^-|-$/gu, "");
    return { label, baseName };
  });
}

/** How the topic names a file the user sent: a photo is a photo. */
export const sentFileWord = (mime: string) =>
  mime.startsWith("image/") ? "foto" : mime === "application/pdf" ? "dokumen PDF" : "dokumen";

/** "LDK-2026-00042 · Lupa password · Diproses", within Telegram's 128 characters. */
export function topicTitle(t: Pick<CardTicket, "number" | "category" | "status">): string {
  const title = `${t.number} · ${categoryLabel(t.category)} · ${statusLabel(t.status)}`;
  return title.length <= 128 ? title : `${title.slice(0, 127)}…`;
}

function documentsLine(kinds: string[]): string {
  if (kinds.length === 0) return "-";
  const counts = new Map<string, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, n]) => (n > 1 ? `${documentLabel(kind)} ×${n}` : documentLabel(kind)))
    .join(", ");
}

/** Long enough for any real problem, short enough for one Telegram message. */
const MAX_CARD_DESCRIPTION = 2000;

/** `topicId` is the DeskTopic the card is posted in (templates answer there). */
export function renderCard(
  t: CardTicket,
  topicId: string,
): { html: string; keyboard: InlineKeyboardButton[][] } {
  const e = escapeHtml;
  // What the citizen typed: no tappable /commands (desk.citizen-text.ts).
  const c = citizenHtml;
  const due =
    t.slaDueAt === null
      ? "-"
      : `${formatWibDateTime(t.slaDueAt.toISOString())} WIB${t.slaPausedAt ? " (dijeda)" : ""}`;
  const lines = [
    `🎫 <b>${e(t.number)}</b> · ${e(categoryLabel(t.category))}`,
    `Status: <b>${e(statusLabel(t.status))}</b> · Prioritas: ${e(priorityLabel(t.priority))} · Tim: ${e(teamLabel(t.team))}`,
    `Petugas: ${e(t.assigneeName ?? "belum diambil")}`,
    `Batas waktu tahap ${e(slaStageLabel(t.slaStage))}: ${e(due)}`,
    `Masuk: ${e(formatWibDateTime(t.createdAt.toISOString()))} WIB · Saluran: ${e(t.channel)} · Bahasa: ${t.language === "EN" ? "Inggris" : "Indonesia"}`,
    ...(t.lkppTicketNumber ? [`Tiket LKPP: ${e(t.lkppTicketNumber)}`] : []),
    "",
    `<b>Pemohon</b>: ${c(t.applicantName)}`,
    `NIK: ${t.nik ? e(maskNik(t.nik)) : "-"} · HP: ${t.phone ? e(maskPhone(t.phone)) : "-"}`,
    `Peran: ${e(roleLabel(t.role))} · Instansi/Perusahaan: ${c(t.organisation ?? "-")}`,
    `E-mail: ${e(t.email ?? "-")}`,
    ...(t.tenderCode ? [`Kode tender/paket: ${e(t.tenderCode)}`] : []),
    ...(t.bidDeadline
      ? [`Batas penawaran: ${e(formatWibDateTime(t.bidDeadline.toISOString()))} WIB`]
      : []),
    `Bertindak untuk orang lain: ${t.actingForOther ? "Ya (ada surat kuasa)" : "Tidak"}`,
    "",
    `<b>Permasalahan</b>:\n${c(
      t.description.length > MAX_CARD_DESCRIPTION
        ? `${t.description.slice(0, MAX_CARD_DESCRIPTION)}…`
        : t.description,
    )}`,
    "",
    `<b>Dokumen</b>: ${e(documentsLine(t.documents))}`,
  ];
  const keyboard: InlineKeyboardButton[][] = [
    [
      { text: DESK_BUTTONS.claim, callback_data: buttonData({ action: "claim", id: t.id }) },
      { text: DESK_BUTTONS.process, callback_data: buttonData({ action: "process", id: t.id }) },
      { text: DESK_BUTTONS.request, callback_data: buttonData({ action: "request", id: t.id }) },
    ],
    [
      { text: DESK_BUTTONS.resolve, callback_data: buttonData({ action: "resolve", id: t.id }) },
      { text: DESK_BUTTONS.reject, callback_data: buttonData({ action: "reject", id: t.id }) },
    ],
    [
      { text: DESK_BUTTONS.ktp, callback_data: buttonData({ action: "ktp", id: t.id }) },
      { text: DESK_BUTTONS.templates, callback_data: buttonData({ action: "tpl", id: topicId }) },
    ],
    guidedCardButtons(t.id),
  ];
  return { html: lines.join("\n"), keyboard };
}
