// /konsol/audit (supervisors): the last sign-ins, failures, lock-outs and
// sign-outs of the console, from the audit log; a supervisor's reset of
// another agent's TOTP names that agent.
import type { PrismaClient } from "../../core/infra/db.ts";
import { escapeHtml, page, type Viewer } from "./html.ts";

const ACTION_LABEL: Record<string, string> = {
  "console.sign_in": "Masuk",
  "console.sign_in_failed": "Gagal masuk",
  "console.account_locked": "Akun dikunci",
  "console.sign_out": "Keluar",
  "console.totp_enrol": "Kode masuk diaktifkan",
  "console.totp_disable": "Kode masuk dimatikan",
  "console.totp_reset": "Verifikasi dua langkah diatur ulang",
  "console.account_create": "Akun konsol dibuat",
  "console.password_reset": "Kata sandi diatur ulang",
};

/** The reasons a sign-in failed (sign-in.ts), as the office reads them. */
const REASON_LABEL: Record<string, string> = {
  wrong: "Kata sandi salah",
  locked: "Akun sedang dikunci",
  inactive: "Akun tidak aktif",
  unknown_account: "Nama pengguna tidak dikenal",
};

export async function listConsoleAudit(prisma: PrismaClient, take = 50) {
  const rows = await prisma.auditLog.findMany({
    where: { action: { startsWith: "console." } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { at: true, action: true, actorType: true, actorId: true, detail: true },
  });
  const subjectOf = (detail: unknown) => (detail as { agentId?: string } | null)?.agentId;
  const ids = [
    ...new Set([
      ...rows.filter((r) => r.actorType === "AGENT").map((r) => r.actorId ?? ""),
      ...rows.map((r) => subjectOf(r.detail) ?? ""),
    ]),
  ].filter(Boolean);
  const agents = await prisma.agent.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    who: r.actorType === "AGENT" ? (names.get(r.actorId ?? "") ?? "—") : "(akun tidak dikenal)",
    reason: subjectOf(r.detail)
      ? `Petugas: ${names.get(subjectOf(r.detail) ?? "") ?? "—"}`
      : reasonLabel((r.detail as { reason?: string } | null)?.reason),
  }));
}

const reasonLabel = (code: string | undefined) => (code ? (REASON_LABEL[code] ?? code) : "");

const WIB = new Intl.DateTimeFormat("id-ID", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "Asia/Jakarta",
});

export function auditPage(viewer: Viewer, rows: Awaited<ReturnType<typeof listConsoleAudit>>) {
  const body = rows.length
    ? `<table><caption>${rows.length} kejadian terakhir</caption><thead><tr><th scope="col">Waktu (WIB)</th>
<th scope="col">Kejadian</th><th scope="col">Petugas</th><th scope="col">Keterangan</th></tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr><td>${escapeHtml(WIB.format(r.at))}</td><td>${escapeHtml(ACTION_LABEL[r.action] ?? r.action)}</td><td>${escapeHtml(r.who)}</td><td>${escapeHtml(r.reason)}</td></tr>`,
  )
  .join("\n")}</tbody></table>`
    : "<p>Belum ada kejadian.</p>";
  return page("Log masuk konsol", body, viewer);
}
