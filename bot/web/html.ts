// The console's pages: plain server-rendered HTML in Bahasa Indonesia, no
// build step; one small static script for the live updates, optional. Every value is escaped where it is put in.
export const escapeHtml = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

export interface Viewer {
  name: string;
  role: string;
  csrf: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:72em;margin:0 auto;padding:1em;line-height:1.5}
header{display:flex;gap:1em;align-items:center;border-bottom:1px solid #ccc;margin-bottom:1em}
header nav{flex:1}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #ddd}@media (max-width:60em){table{display:block;overflow-x:auto}}
label{display:block;margin:.5em 0 .2em}input,select,button{font-size:1em;padding:.3em}
.saring{display:grid;grid-template-columns:repeat(auto-fill,minmax(13em,1fr));gap:0 1em}.saring>p{grid-column:1/-1}.saring input,.saring select{width:100%;box-sizing:border-box}
.error{color:#a00;font-weight:bold}.skip{position:absolute;left:-999em}.skip:focus{left:1em}`;

const ALL = ["HELPDESK", "VERIFIKATOR", "ADMIN", "ANALIS", "SUPERVISOR"];
/** The menu's pages beyond the tickets, each for the roles its route admits. */
const NAV: readonly { href: string; label: string; roles: readonly string[] }[] = [
  { href: "/konsol/tiket/baru", label: "Permohonan baru", roles: ["HELPDESK", "SUPERVISOR"] },
  { href: "/konsol/sla", label: "Papan SLA", roles: ["SUPERVISOR", "ADMIN", "ANALIS"] },
  { href: "/konsol/laporan", label: "Laporan", roles: ["ANALIS", "SUPERVISOR", "ADMIN"] },
  { href: "/konsol/kalender", label: "Kalender", roles: ALL },
  { href: "/konsol/templat", label: "Templat", roles: ALL },
  { href: "/konsol/artikel", label: "Artikel", roles: ALL },
  { href: "/konsol/petugas", label: "Petugas", roles: ["SUPERVISOR"] },
  { href: "/konsol/whatsapp", label: "WhatsApp", roles: ["SUPERVISOR"] },
  { href: "/konsol/audit", label: "Log masuk", roles: ["SUPERVISOR"] },
  { href: "/konsol/akun", label: "Akun", roles: ALL },
];
const navLinks = (role: string) =>
  NAV.filter((n) => n.roles.includes(role))
    .map((n) => ` · <a href="${n.href}">${n.label}</a>`)
    .join("");

/** The console's one script (bot/web/assets/langsung.js): the live updates. */
export const LIVE_SCRIPT_PATH = "/konsol/aset/langsung.js";

/**
 * `refreshSeconds`: the page reloads itself (a meta refresh). `live`: the
 * page follows a live-update stream (bot/web/live.routes.ts) with the one
 * static script, fetching `source` (default: the page's own address) again
 * on a change; without script it works as before.
 */
export function page(
  title: string,
  body: string,
  viewer?: Viewer,
  opts: {
    refreshSeconds?: number;
    live?: { stream: string; mode: "tiket" | "daftar"; source?: string };
  } = {},
): string {
  const live = opts.live
    ? ` data-langsung="${escapeHtml(opts.live.stream)}" data-mode="${opts.live.mode}"${
        opts.live.source ? ` data-sumber="${escapeHtml(opts.live.source)}"` : ""
      }`
    : "";
  const header = viewer
    ? `<header><nav aria-label="Menu utama"><a href="/konsol/tiket">Tiket</a>${navLinks(viewer.role)}</nav>
<span>${escapeHtml(viewer.name)} (${escapeHtml(viewer.role)})</span>
<form method="post" action="/konsol/keluar">${csrfField(viewer.csrf)}<button type="submit">Keluar</button></form></header>`
    : "";
  return `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">${
    opts.refreshSeconds ? `<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : ""
  }
<title>${escapeHtml(title)} — Konsol Helpdesk LPSE Landak</title><style>${STYLE}</style>${
    opts.live ? `<script src="${LIVE_SCRIPT_PATH}" defer></script>` : ""
  }</head>
<body><a class="skip" href="#isi">Lewati ke isi</a>${header}<main id="isi"${live}><h1>${escapeHtml(title)}</h1>
${body}</main></body></html>`;
}

export const csrfField = (token: string) =>
  `<input type="hidden" name="_csrf" value="${escapeHtml(token)}">`;

/** `extra`: HTML after the form (the Telegram Login Widget, when it is on). */
export function signInPage(csrf: string, error?: string, extra = ""): string {
  return page(
    "Masuk",
    `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/konsol/masuk">${csrfField(csrf)}
<label for="username">Nama pengguna</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Kata sandi</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">Masuk</button></p></form>${extra}`,
  );
}

/** A refusal (403, 404, an expired form) as a page. */
export function messagePage(title: string, text: string, viewer?: Viewer): string {
  return page(
    title,
    `<p>${escapeHtml(text)}</p><p><a href="/konsol/tiket">Kembali ke daftar tiket</a></p>`,
    viewer,
  );
}
