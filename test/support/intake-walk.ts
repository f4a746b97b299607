// The answers of a request up to the KTP photo (acting for someone else, so
// a power of attorney is asked for next), each with a piece of the reply it
// gets; typed as a user would on any channel (numbers pick options).

/** A tender deadline a week from the real now, as a user types it (dd/mm/yyyy hh:mm). */
function deadline(): string {
  const at = new Date(Date.now() + 7 * 24 * 3600_000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} 14:00`;
}

export function toKtpStep(opts: { phoneKnown?: boolean } = {}): [string, string][] {
  const steps: [string, string][] = [
    ["halo", "Selamat datang"],
    ["1", "Gagal unggah dokumen penawaran"],
    ["gagal unggah dokumen penawaran", "UU Nomor 27 Tahun 2022"],
    ["1", "nama lengkap"],
    ["Siti Aminah", "NIK"],
    ["6171054101900001", "peran"],
    ["penyedia", "perusahaan"],
    ["CV Kapuas", "e-mail"],
    ...(opts.phoneKnown
      ? ([["siti@example.com", "kode tender"]] as [string, string][])
      : ([
          ["siti@example.com", "nomor HP"],
          ["081234567890", "kode tender"],
        ] as [string, string][])),
    ["10012345000", "batas akhir"],
    [deadline(), "jelaskan permasalahan"],
    ["Dokumen penawaran gagal diunggah, muncul pesan error saat upload.", "untuk orang lain"],
    ["1", "foto KTP"],
  ];
  return steps;
}
