// Texts of the community satisfaction survey (Survei Kepuasan Masyarakat,
// PermenPANRB 14/2017). The element names and the four answers of each
// element follow the sample questionnaire in the regulation's annex; the
// questions are worded for the helpdesk's service (a request handled by
// LPSE Kabupaten Landak), as the regulation lets each unit do.
import { type Localized, localized } from "../language.ts";

export const SURVEY_ELEMENT_CODES = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"] as const;
export type SurveyElementCode = (typeof SURVEY_ELEMENT_CODES)[number];

export interface SurveyElementText {
  /** The element's name in the regulation (ruang lingkup). */
  readonly name: Localized;
  readonly question: Localized;
  /** The answers for values 1, 2, 3 and 4, worst first. */
  readonly answers: readonly [Localized, Localized, Localized, Localized];
}

export const SURVEY_ELEMENT_TEXTS: Readonly<Record<SurveyElementCode, SurveyElementText>> = {
  U1: {
    name: localized("Persyaratan", "Requirements"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
      "How well did the requirements of the service fit the kind of service you asked for?",
    ),
    answers: [
      localized("Tidak sesuai", "Not appropriate"),
      localized("Kurang sesuai", "Somewhat inappropriate"),
      localized("Sesuai", "Appropriate"),
      localized("Sangat sesuai", "Very appropriate"),
    ],
  },
  U2: {
    name: localized("Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"),
    question: localized(
      "Bagaimana pemahaman Bapak/Ibu tentang kemudahan prosedur pelayanan di unit ini?",
      "How easy was the service procedure of this unit?",
    ),
    answers: [
      localized("Tidak mudah", "Not easy"),
      localized("Kurang mudah", "Somewhat difficult"),
      localized("Mudah", "Easy"),
      localized("Sangat mudah", "Very easy"),
    ],
  },
  U3: {
    name: localized("Waktu penyelesaian", "Completion time"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang kecepatan waktu dalam memberikan pelayanan?",
      "How fast was the service?",
    ),
    answers: [
      localized("Tidak cepat", "Not fast"),
      localized("Kurang cepat", "Somewhat slow"),
      localized("Cepat", "Fast"),
      localized("Sangat cepat", "Very fast"),
    ],
  },
  U4: {
    name: localized("Biaya/tarif", "Cost/fee"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang kewajaran biaya/tarif dalam pelayanan?",
      "How fair was the cost/fee of the service?",
    ),
    answers: [
      localized("Sangat mahal", "Very expensive"),
      localized("Cukup mahal", "Rather expensive"),
      localized("Murah", "Cheap"),
      localized("Gratis", "Free of charge"),
    ],
  },
  U5: {
    name: localized("Produk spesifikasi jenis pelayanan", "Service product specification"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
      "How well did the result you received match what the service standard promises?",
    ),
    answers: [
      localized("Tidak sesuai", "Not appropriate"),
      localized("Kurang sesuai", "Somewhat inappropriate"),
      localized("Sesuai", "Appropriate"),
      localized("Sangat sesuai", "Very appropriate"),
    ],
  },
  U6: {
    name: localized("Kompetensi pelaksana", "Staff competence"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang kompetensi/kemampuan petugas dalam pelayanan?",
      "How competent were the staff who served you?",
    ),
    answers: [
      localized("Tidak kompeten", "Not competent"),
      localized("Kurang kompeten", "Somewhat incompetent"),
      localized("Kompeten", "Competent"),
      localized("Sangat kompeten", "Very competent"),
    ],
  },
  U7: {
    name: localized("Perilaku pelaksana", "Staff conduct"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
      "How polite and friendly were the staff?",
    ),
    answers: [
      localized("Tidak sopan dan ramah", "Not polite and friendly"),
      localized("Kurang sopan dan ramah", "Somewhat impolite and unfriendly"),
      localized("Sopan dan ramah", "Polite and friendly"),
      localized("Sangat sopan dan ramah", "Very polite and friendly"),
    ],
  },
  U8: {
    name: localized(
      "Penanganan pengaduan, saran dan masukan",
      "Handling of complaints, suggestions and feedback",
    ),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang penanganan pengaduan pengguna layanan?",
      "How were complaints of service users handled?",
    ),
    answers: [
      localized("Tidak ada", "Not available"),
      localized("Ada tetapi tidak berfungsi", "Available but not working"),
      localized("Berfungsi kurang maksimal", "Working, but not fully"),
      localized("Dikelola dengan baik", "Well managed"),
    ],
  },
  U9: {
    name: localized("Sarana dan prasarana", "Facilities and infrastructure"),
    question: localized(
      "Bagaimana pendapat Bapak/Ibu tentang kualitas sarana dan prasarana pelayanan (aplikasi, kanal WhatsApp/Telegram, kantor)?",
      "How good were the service facilities (applications, the WhatsApp/Telegram channels, the office)?",
    ),
    answers: [
      localized("Buruk", "Poor"),
      localized("Cukup", "Fair"),
      localized("Baik", "Good"),
      localized("Sangat baik", "Very good"),
    ],
  },
};

/** The service quality grades (mutu pelayanan) of the regulation. */
export const IKM_GRADE_TEXTS = {
  A: localized("Sangat Baik", "Very good"),
  B: localized("Baik", "Good"),
  C: localized("Kurang Baik", "Poor"),
  D: localized("Tidak Baik", "Very poor"),
} as const satisfies Record<string, Localized>;
