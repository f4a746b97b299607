// /konsol/whatsapp (supervisors): the WhatsApp channel's state, the QR to
// scan (drawn here as inline SVG) or the pairing code while the number is not
// linked, the time of the last message in and out (no content, no numbers),
// and the "Keluar dari WhatsApp" form while it is linked.
import QRCode from "qrcode";
import { csrfField, escapeHtml, page, type Viewer } from "./html.ts";

/** What the channel shows about linking (bot/whatsapp's PairingView). */
export interface WhatsappLinkView {
  /** The channel's phase: open, pairing, logged-out, … */
  state: string;
  detail?: string | undefined;
  qr?: string | undefined;
  pairingCode?: string | undefined;
}

export interface WhatsappActivity {
  lastIn: Date | null;
  lastOut: Date | null;
}

const PHASE_TEXT: Record<string, string> = {
  standby: "Siaga: proses lain sedang memegang sesi WhatsApp",
  connecting: "Sedang menyambung",
  pairing: "Menunggu penautan nomor",
  open: "Tersambung",
  reconnecting: "Sedang menyambung ulang",
  "logged-out": "Keluar: nomor perlu ditautkan ulang, lalu bot dijalankan ulang",
  replaced: "Digantikan oleh sesi WhatsApp Web lain",
  banned: "Nomor ditolak WhatsApp (diblokir atau dibatasi)",
  stopped: "Berhenti",
};

const WIB = new Intl.DateTimeFormat("id-ID", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "Asia/Jakarta",
});
const when = (at: Date | null) => (at ? `${WIB.format(at)} WIB` : "belum ada");

async function linking(view: WhatsappLinkView): Promise<string> {
  if (view.qr) {
    const svg = await QRCode.toString(view.qr, { type: "svg", margin: 2, width: 320 });
    return `<p>Pindai QR ini dengan WhatsApp di HP kantor: <strong>Perangkat tertaut → Tautkan perangkat</strong>.
QR berganti setiap beberapa detik; halaman ini memuat ulang sendiri.</p>
<figure role="img" aria-label="QR penautan WhatsApp" style="width:320px">${svg}</figure>`;
  }
  if (view.pairingCode) {
    return `<p>Kode penautan: <strong style="font-size:2em;letter-spacing:.2em">${escapeHtml(view.pairingCode)}</strong></p>
<p>Di HP kantor: WhatsApp → Perangkat tertaut → Tautkan perangkat → Tautkan dengan nomor telepon saja, lalu ketik kode ini.</p>`;
  }
  return "";
}

export async function whatsappPage(
  viewer: Viewer,
  view: WhatsappLinkView | null,
  activity: WhatsappActivity,
  notice?: string,
): Promise<string> {
  if (!view) {
    return page(
      "WhatsApp",
      "<p>Kanal WhatsApp tidak aktif di bot ini (WHATSAPP_ENABLED bukan true).</p>",
      viewer,
    );
  }
  const linked = view.state === "open";
  const body = `${notice ? `<p role="status"><strong>${escapeHtml(notice)}</strong></p>` : ""}
<p>Status: <strong>${escapeHtml(PHASE_TEXT[view.state] ?? view.state)}</strong></p>
${view.detail ? `<p><small>Keterangan teknis: ${escapeHtml(view.detail)}</small></p>` : ""}
${await linking(view)}
<table><caption>Pesan terakhir (tanpa isi dan nomor)</caption><tbody>
<tr><th scope="row">Pesan masuk terakhir</th><td>${escapeHtml(when(activity.lastIn))}</td></tr>
<tr><th scope="row">Pesan keluar terakhir</th><td>${escapeHtml(when(activity.lastOut))}</td></tr></tbody></table>
${
  linked
    ? `<form method="post" action="/konsol/whatsapp/keluar">${csrfField(viewer.csrf)}
<p>Keluar dari WhatsApp melepas tautan nomor helpdesk dari bot. Pengguna tidak dilayani lewat WhatsApp sampai nomor ditautkan ulang.</p>
<button type="submit">Keluar dari WhatsApp</button></form>`
    : ""
}`;
  return page("WhatsApp", body, viewer, linked ? {} : { refreshSeconds: 10 });
}
