// The admin pages for linking the helpdesk number: /admin/whatsapp shows the
// state and the QR (refreshing itself, as WhatsApp rotates the QR every ~20 s);
// /admin/whatsapp/qr is the QR as a PNG. Behind ADMIN_TOKEN like /admin/queues.
import type { ServerResponse } from "node:http";
import QRCode from "qrcode";
import { adminRoute, sendText } from "../../core/infra/admin-auth.ts";
import type { Route } from "../../core/infra/health-server.ts";
import type { Logger } from "../../core/infra/logger.ts";

export const WHATSAPP_ADMIN_PATH = "/admin/whatsapp";

export interface PairingView {
  state: string;
  detail?: string | undefined;
  /** The QR payload while the number waits to be linked by QR. */
  qr?: string | undefined;
  /** The 8-character code while it waits to be linked by code. */
  pairingCode?: string | undefined;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, view: PairingView) {
  const body = view.qr
    ? `<p>Pindai QR ini dengan WhatsApp di HP kantor: <b>Perangkat tertaut → Tautkan perangkat</b>.<br>
Scan this QR with WhatsApp on the office phone: <b>Linked devices → Link a device</b>.</p>
<img src="${WHATSAPP_ADMIN_PATH}/qr" alt="QR" width="320" height="320">`
    : view.pairingCode
      ? `<p>Kode penautan / pairing code: <b style="font-size:2em;letter-spacing:.2em">${escapeHtml(view.pairingCode)}</b></p>
<p>WhatsApp → Perangkat tertaut → Tautkan perangkat → Tautkan dengan nomor telepon saja.<br>
WhatsApp → Linked devices → Link a device → Link with phone number instead.</p>`
      : "<p>Tidak ada QR saat ini / no QR at the moment.</p>";
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="10"><title>WhatsApp — LPSE Helpdesk</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:2em auto">
<h1>WhatsApp</h1><p>Status: <b>${escapeHtml(view.state)}</b>${view.detail ? ` — ${escapeHtml(view.detail)}` : ""}</p>
${body}</body></html>`;
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

export function whatsappAdminRoute(opts: {
  adminToken: string | undefined;
  logger: Logger;
  view: () => PairingView;
}): Route {
  return adminRoute({
    basePath: WHATSAPP_ADMIN_PATH,
    adminToken: opts.adminToken,
    logger: opts.logger,
    async handler(req, res) {
      const path = new URL(req.url ?? "/", "http://local").pathname.replace(/\/+$/u, "");
      if (req.method !== "GET") return sendText(res, 405, "GET only\n");
      const view = opts.view();
      if (path === WHATSAPP_ADMIN_PATH) return page(res, view);
      if (path !== `${WHATSAPP_ADMIN_PATH}/qr`) return sendText(res, 404, "not found\n");
      if (!view.qr) {
        const why = view.pairingCode
          ? "Linking by pairing code: see /admin/whatsapp or the terminal.\nPenautan memakai kode: lihat /admin/whatsapp atau terminal.\n"
          : `No QR at the moment (state: ${view.state}).\nTidak ada QR saat ini (status: ${view.state}).\n`;
        return sendText(res, 404, why);
      }
      const png = await QRCode.toBuffer(view.qr, { type: "png", width: 320, margin: 2 });
      res.writeHead(200, {
        "content-type": "image/png",
        "content-length": png.length,
        "cache-control": "no-store",
      });
      res.end(png);
    },
  });
}
