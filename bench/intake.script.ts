// What one simulated citizen sends for a full intake, step by step, with a
// piece of the answer each step must bring (the same path as
// test/integration/console-conversation.test.ts, without the power of attorney).

export type ScriptStep =
  | { kind: "text"; text: string; expect: string | RegExp }
  | { kind: "media"; file: "ktp" | "screenshot"; expect: string | RegExp };

/** A valid NIK per user: the serial (last four digits) varies. */
function nikFor(index: number): string {
  return `617101150890${String((index % 9999) + 1).padStart(4, "0")}`;
}

/** dd/mm/yyyy 14:00, a few days ahead so the deadline is always in the future. */
function deadline(now: Date): string {
  const d = new Date(now.getTime() + 4 * 24 * 3600 * 1000);
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${d.getUTCFullYear()} 14:00`;
}

export function intakeScript(index: number, now = new Date()): ScriptStep[] {
  const serial = String(index).padStart(4, "0");
  return [
    { kind: "text", text: "halo", expect: "Selamat datang" },
    { kind: "text", text: "1", expect: "kategori" },
    { kind: "text", text: "gagal unggah dokumen penawaran", expect: "UU Nomor 27 Tahun 2022" },
    { kind: "text", text: "1", expect: "nama lengkap" },
    { kind: "text", text: "Budi Santoso", expect: "NIK" },
    { kind: "text", text: nikFor(index), expect: "peran" },
    { kind: "text", text: "penyedia", expect: "perusahaan" },
    { kind: "text", text: `CV Maju Jaya ${serial}`, expect: "e-mail" },
    { kind: "text", text: `budi${serial}@example.com`, expect: "nomor HP" },
    { kind: "text", text: `0812-3456-${serial.slice(-4)}`, expect: "kode tender" },
    { kind: "text", text: "10012345000", expect: "batas akhir" },
    { kind: "text", text: deadline(now), expect: "jelaskan permasalahan" },
    {
      kind: "text",
      text: "Dokumen penawaran gagal diunggah, muncul pesan error saat upload.",
      expect: "untuk orang lain",
    },
    { kind: "text", text: "2", expect: "foto KTP" },
    { kind: "media", file: "ktp", expect: "screenshot" },
    { kind: "media", file: "screenshot", expect: "Screenshot ke-1 diterima" },
    { kind: "media", file: "screenshot", expect: "Screenshot ke-2 diterima" },
    { kind: "text", text: "selesai", expect: "ringkasan" },
    { kind: "text", text: "1", expect: /LDK-\d{4}-\d{5}/ },
  ];
}

/** The notification the routing worker sends once a ticket has its team. */
export const ROUTED_MARKER = "sudah masuk antrean Helpdesk";
