// The self-service section of the monthly report (office staff, Bahasa Indonesia).

export const SELF_SERVICE_REPORT = {
  section: "Jawaban mandiri (artikel bantuan)",
  offers: "Penawaran artikel",
  opened: "Artikel dibuka",
  answered: 'Pertanyaan terjawab oleh artikel ("Ya, sudah selesai")',
  notAnswered: "Artikel tidak membantu, laporan dilanjutkan",
  deflection: "Tingkat penyelesaian mandiri",
  mostOpened: "Artikel paling sering dibuka",
  noMatch: "Pencarian tanpa artikel yang cocok",
  noMatchTerms: "Kata yang paling sering dicari tanpa hasil (bahan artikel baru)",
  none: "-",
  note: "Tingkat penyelesaian mandiri = pertanyaan terjawab oleh artikel / (pertanyaan terjawab oleh artikel + tiket masuk). Kata pencarian disimpan tanpa NIK, nomor HP, e-mail, angka dan nama; isi pesan tidak disimpan.",
  openedLine: (opened: number, answered: number) => `${opened} dibuka, ${answered} terjawab`,
  summary: (answered: number, rate: string, noMatch: number) =>
    `Jawaban mandiri: ${answered} pertanyaan terjawab oleh artikel (tingkat penyelesaian mandiri ${rate}); ${noMatch} pencarian tanpa artikel yang cocok`,
} as const;
