// /konsol/petugas (supervisors): every agent with role and active flag, and
// per agent a form to change the role and one to deactivate or reactivate.
// For an agent with TOTP on, a form to reset it (a lost phone), confirmed by
// a checkbox; adding an agent and their console account: agent-new.page.ts.
// The signed-in supervisor's own row has no forms
// (core/app/agent-admin.ts and core/app/totp-reset.ts refuse oneself anyway).
import { AGENT_ROLE_LABELS } from "../../core/content/desk-labels.content.ts";
import { AGENT_ROLES } from "../../core/domain/ticket/ticket.enums.ts";
import type { PrismaClient } from "../../core/infra/db.ts";
import { accountForm, addAgentForm } from "./agent-new.page.ts";
import { csrfField, escapeHtml, page, type Viewer } from "./html.ts";

export async function listAgents(prisma: PrismaClient) {
  return prisma.agent.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      role: true,
      active: true,
      webAccount: { select: { id: true, totpEnabledAt: true } },
    },
  });
}

type AgentRow = Awaited<ReturnType<typeof listAgents>>[number];

function actions(viewer: Viewer, agent: AgentRow): string {
  const id = `peran-${agent.id}`;
  const options = AGENT_ROLES.map(
    (role) =>
      `<option value="${role}"${role === agent.role ? " selected" : ""}>${escapeHtml(AGENT_ROLE_LABELS[role])}</option>`,
  ).join("");
  const hidden = `${csrfField(viewer.csrf)}<input type="hidden" name="agentId" value="${escapeHtml(agent.id)}">`;
  return `<form method="post" action="/konsol/petugas/peran" style="display:inline">${hidden}
<label for="${id}" class="skip">Peran ${escapeHtml(agent.name)}</label><select id="${id}" name="role">${options}</select>
<button type="submit">Ubah peran</button></form>
<form method="post" action="/konsol/petugas/status" style="display:inline">${hidden}
<input type="hidden" name="active" value="${agent.active ? "0" : "1"}">
<button type="submit">${agent.active ? "Nonaktifkan" : "Aktifkan kembali"}</button></form>
${accountForm(hidden, agent)}${
  agent.webAccount?.totpEnabledAt ? totpResetForm(hidden, agent) : ""
}`;
}

function totpResetForm(hidden: string, agent: AgentRow): string {
  const id = `yakin-${agent.id}`;
  return `<form method="post" action="/konsol/petugas/totp/atur-ulang">${hidden}
<input type="checkbox" id="${id}" name="yakin" value="1" required>
<label for="${id}">Saya yakin: hapus kode masuk ${escapeHtml(agent.name)} dan akhiri semua sesi konsolnya</label>
<button type="submit">Atur ulang verifikasi dua langkah</button></form>`;
}

function resetNotice(agents: readonly AgentRow[], agentId: string | undefined): string {
  const agent = agentId ? agents.find((a) => a.id === agentId) : undefined;
  return agent
    ? `<p role="status">Verifikasi dua langkah (kode masuk) ${escapeHtml(agent.name)} telah diatur ulang dan semua sesi konsolnya diakhiri. Petugas dapat masuk lagi dengan kata sandi, lalu mengaktifkan kode masuk kembali di halaman Akun.</p>`
    : "";
}

export function agentsPage(
  viewer: Viewer & { id: string },
  agents: readonly AgentRow[],
  opts: { totpResetOf?: string } = {},
): string {
  const rows = agents
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.name)}</td><td>${escapeHtml(AGENT_ROLE_LABELS[a.role])}</td>
<td>${a.active ? "Aktif" : "Tidak aktif"}</td><td>${a.webAccount ? "Ada" : "Belum ada"}</td>
<td>${a.webAccount?.totpEnabledAt ? "Aktif" : "Tidak aktif"}</td>
<td>${a.id === viewer.id ? "(akun Bapak/Ibu sendiri)" : actions(viewer, a)}</td></tr>`,
    )
    .join("\n");
  const body = agents.length
    ? `<table><caption>${agents.length} petugas</caption><thead><tr><th scope="col">Nama</th><th scope="col">Peran</th>
<th scope="col">Status</th><th scope="col">Akun konsol</th><th scope="col">Kode masuk</th><th scope="col">Tindakan</th></tr></thead><tbody>
${rows}</tbody></table>
<p>Petugas baru dapat ditambahkan di bawah ini atau lewat grup petugas Telegram (<code>/agen tambah</code>).</p>`
    : "<p>Belum ada petugas.</p>";
  return page(
    "Petugas",
    `${resetNotice(agents, opts.totpResetOf)}${body}${addAgentForm(viewer.csrf)}`,
    viewer,
  );
}
