// The parts of /konsol/petugas that add an agent and give one a console
// account: the "Tambah petugas" form, per agent "Buat akun konsol" (a user
// name) or "Atur ulang kata sandi" (confirmed by a checkbox), and the page
// that shows the generated one-time password once.
import { AGENT_ROLE_LABELS } from "../../core/content/desk-labels.content.ts";
import { AGENT_ROLES } from "../../core/domain/ticket/ticket.enums.ts";
import { csrfField, escapeHtml, page, type Viewer } from "./html.ts";

export function addAgentForm(csrf: string): string {
  const options = AGENT_ROLES.map(
    (role) =>
      `<option value="${role}"${role === "HELPDESK" ? " selected" : ""}>${escapeHtml(AGENT_ROLE_LABELS[role])}</option>`,
  ).join("");
  return `<h2>Tambah petugas</h2>
<form method="post" action="/konsol/petugas/tambah">${csrfField(csrf)}
<p><label for="tambah-telegram">ID pengguna Telegram</label>
<input id="tambah-telegram" name="telegramUserId" inputmode="numeric" pattern="[0-9]{1,16}" required aria-describedby="tambah-telegram-bantuan">
<small id="tambah-telegram-bantuan">Berupa angka, bukan nama pengguna (@...). Petugas dapat mengetahuinya dengan mengirim pesan ke <code>@userinfobot</code> di Telegram. Satu ID Telegram hanya untuk satu petugas.</small></p>
<p><label for="tambah-nama">Nama</label> <input id="tambah-nama" name="name" maxlength="100" required></p>
<p><label for="tambah-peran">Peran</label> <select id="tambah-peran" name="role">${options}</select></p>
<button type="submit">Tambah petugas</button></form>`;
}

/** `hidden`: the CSRF token and the agent's id. */
export function accountForm(
  hidden: string,
  agent: { id: string; name: string; webAccount: unknown },
): string {
  if (!agent.webAccount) {
    const id = `akun-${agent.id}`;
    return `<form method="post" action="/konsol/petugas/akun">${hidden}
<label for="${id}">Nama pengguna konsol untuk ${escapeHtml(agent.name)}</label>
<input id="${id}" name="username" pattern="[a-z0-9._\\-]{3,32}" maxlength="32" required>
<button type="submit">Buat akun konsol</button></form>`;
  }
  const id = `sandi-${agent.id}`;
  return `<form method="post" action="/konsol/petugas/kata-sandi">${hidden}
<input type="checkbox" id="${id}" name="yakin" value="1" required>
<label for="${id}">Saya yakin: buat kata sandi baru untuk ${escapeHtml(agent.name)}, akhiri semua sesi konsolnya, dan matikan kode masuknya</label>
<button type="submit">Atur ulang kata sandi</button></form>`;
}

export function passwordShownPage(
  viewer: Viewer,
  shown: { name: string; username: string; password: string; created: boolean },
): string {
  const what = shown.created
    ? `Akun konsol untuk ${escapeHtml(shown.name)} telah dibuat.`
    : `Kata sandi ${escapeHtml(shown.name)} telah diatur ulang; semua sesi konsolnya diakhiri dan kode masuknya dimatikan.`;
  return page(
    shown.created ? "Akun konsol dibuat" : "Kata sandi diatur ulang",
    `<p role="status">${what}</p>
<dl><dt>Nama pengguna</dt><dd><code>${escapeHtml(shown.username)}</code></dd>
<dt>Kata sandi sekali pakai</dt><dd><code>${escapeHtml(shown.password)}</code></dd></dl>
<p>Kata sandi ini hanya ditampilkan sekali dan tidak disimpan dalam bentuk yang dapat dibaca. Mohon serahkan langsung kepada petugas yang bersangkutan (jangan melalui pesan atau surel), lalu tutup halaman ini. Bila hilang, gunakan lagi tombol Atur ulang kata sandi.</p>
<p><a href="/konsol/petugas">Kembali ke daftar petugas</a></p>`,
    viewer,
  );
}
