// The pages of the second sign-in step: /konsol/akun (the agent's own
// account: switching TOTP on, with the QR as inline SVG and the secret as
// text, or off) and /konsol/masuk/kode (the code after the password).
import QRCode from "qrcode";
import { csrfField, escapeHtml, page, type Viewer } from "./html.ts";
import { totpUri } from "./totp.ts";

export interface TotpView {
  username: string;
  /** off: none; pending: a secret waiting for its first code; on: in use. */
  state: "off" | "pending" | "on";
  secret?: string | null;
  enabledAt?: Date | null;
  /** The agent's role must use TOTP (CONSOLE_TOTP_REQUIRED_SUPERVISOR). */
  required: boolean;
}

const WIB = new Intl.DateTimeFormat("id-ID", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Jakarta",
});

const notice = (text?: string, error = false) =>
  text
    ? `<p ${error ? 'class="error" role="alert"' : 'role="status"'}>${escapeHtml(text)}</p>`
    : "";

const codeInput = `<label for="kode">Kode 6 angka dari aplikasi autentikator</label>
<input id="kode" name="kode" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" autocomplete="one-time-code" required>`;

const postForm = (viewer: Viewer, action: string, inner: string, button: string) =>
  `<form method="post" action="${action}">${csrfField(viewer.csrf)}${inner}<p><button type="submit">${button}</button></p></form>`;

async function pendingPart(viewer: Viewer, view: TotpView): Promise<string> {
  const secret = view.secret ?? "";
  const svg = await QRCode.toString(totpUri(secret, view.username), {
    type: "svg",
    margin: 2,
    width: 240,
  });
  const grouped = secret.replace(/(.{4})/gu, "$1 ").trim();
  return `<p>Pindai QR ini dengan aplikasi autentikator di HP Bapak/Ibu (misalnya Google Authenticator, Aegis atau FreeOTP), atau ketik kunci di bawahnya.</p>
<figure role="img" aria-label="QR kunci kode masuk" style="width:240px">${svg}</figure>
<p>Kunci: <code>${escapeHtml(grouped)}</code></p>
${postForm(viewer, "/konsol/akun/totp/aktifkan", `<p>Lalu ketik kode yang tampil di aplikasi untuk mengaktifkannya.</p>${codeInput}`, "Aktifkan")}
${postForm(viewer, "/konsol/akun/totp/mulai", "", "Buat kunci baru")}`;
}

export async function accountPage(
  viewer: Viewer,
  view: TotpView,
  message?: { text: string; error?: boolean },
): Promise<string> {
  const required = view.required
    ? "<p><strong>Peran Bapak/Ibu wajib memakai kode masuk.</strong> Halaman lain baru terbuka setelah kode masuk aktif.</p>"
    : "";
  let part: string;
  if (view.state === "on") {
    part = `<p>Kode masuk (TOTP) <strong>aktif</strong>${
      view.enabledAt ? ` sejak ${escapeHtml(WIB.format(view.enabledAt))} WIB` : ""
    }. Setiap masuk, setelah kata sandi, konsol meminta kode dari aplikasi autentikator.</p>${
      view.required
        ? ""
        : postForm(viewer, "/konsol/akun/totp/matikan", codeInput, "Matikan kode masuk")
    }`;
  } else if (view.state === "pending") {
    part = await pendingPart(viewer, view);
  } else {
    part = `<p>Kode masuk (TOTP) belum aktif. Dengan kode masuk, akun tidak dapat dibuka dengan kata sandi saja.</p>
${postForm(viewer, "/konsol/akun/totp/mulai", "", "Aktifkan kode masuk")}`;
  }
  return page(
    "Akun saya",
    `${notice(message?.text, message?.error)}${required}
<p>Nama pengguna: <strong>${escapeHtml(view.username)}</strong></p><h2>Kode masuk</h2>${part}`,
    viewer,
  );
}

export function codePage(csrf: string, error?: string): string {
  return page(
    "Kode masuk",
    `${notice(error, true)}<p>Kata sandi benar. Silakan ketik kode dari aplikasi autentikator Bapak/Ibu.</p>
<form method="post" action="/konsol/masuk/kode">${csrfField(csrf)}${codeInput}
<p><button type="submit">Masuk</button></p></form><p><a href="/konsol/masuk">Kembali</a></p>`,
  );
}
