// Told to operators (start-up log, /readyz) and to the agents group when the
// office calendar lists no holiday for a year that has begun or is close.

function years(list: readonly number[]): string {
  return list.join(" dan ");
}

/** For /readyz and the start-up log: both languages, one line. */
export function holidayWarningText(missing: readonly number[]): string {
  return (
    `Belum ada hari libur tahun ${years(missing)} di kalender kantor: hari libur dihitung sebagai hari kerja. ` +
    "Isi HOLIDAYS atau HOLIDAYS_FILE (daftar libur nasional dan cuti bersama sesuai SKB 3 Menteri). / " +
    `No holiday of ${missing.join(" and ")} is configured: holidays count as working time. ` +
    "Set HOLIDAYS or HOLIDAYS_FILE (national holidays and cuti bersama per the SKB 3 Menteri)."
  );
}

/** For the agents group: what is wrong, what it does to service times, who fixes it. */
export function holidayAlertText(missing: readonly number[]): string {
  return [
    `📅 Kalender kantor belum memuat hari libur tahun ${years(missing)}.`,
    "Selama belum diisi, hari libur nasional dan cuti bersama dihitung sebagai hari kerja: batas waktu layanan dan pengingat SLA bisa jatuh pada hari libur.",
    "Mohon admin mengisi HOLIDAYS atau HOLIDAYS_FILE sesuai SKB 3 Menteri (lihat docs/features.md, bagian Hari libur).",
  ].join("\n");
}
