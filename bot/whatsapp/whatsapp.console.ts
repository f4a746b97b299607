// The QR and the pairing code link a device to the helpdesk number: whoever
// reads them while they are valid can take over the office's WhatsApp. Besides
// /admin/whatsapp they are shown only on a terminal a person watches (stderr
// is a TTY), never written to a pipe or file (docker logs, journald, a log
// shipper) and never to the pino logs.

export interface PairingDisplay {
  qr(qr: string): Promise<void>;
  pairingCode(code: string): Promise<void>;
}

export function terminalPairingDisplay(
  stream: NodeJS.WriteStream = process.stderr,
): PairingDisplay {
  return {
    async qr(qr) {
      if (!stream.isTTY) return;
      const { default: QRCode } = await import("qrcode");
      const art = await QRCode.toString(qr, { type: "terminal", small: true });
      stream.write(
        "\nWhatsApp: pindai QR ini di HP kantor (Perangkat tertaut -> Tautkan perangkat)\n" +
          `WhatsApp: scan this QR on the office phone (Linked devices -> Link a device)\n${art}\n`,
      );
    },
    async pairingCode(code) {
      if (!stream.isTTY) return;
      stream.write(
        `\nWhatsApp: kode penautan / pairing code: ${code}\n` +
          "HP kantor: Perangkat tertaut -> Tautkan perangkat -> Tautkan dengan nomor telepon saja, lalu ketik kodenya.\n" +
          "Office phone: Linked devices -> Link a device -> Link with phone number instead, and type it.\n\n",
      );
    },
  };
}
