import { type Localized, localized } from "../language.ts";
import { CONTACT_CHOICE_ID, choiceRef } from "../markup.ts";
import type { OrganisationKind } from "../roles.content.ts";
import type { OptionText } from "./common.messages.ts";

/** Labels of the answers, as shown in the summary and in the "which field?" list. */
export const FIELD_LABELS = {
  category: localized("Kategori masalah", "Problem category"),
  consent: localized("Persetujuan data pribadi", "Personal data consent"),
  name: localized("Nama lengkap", "Full name"),
  nik: localized("NIK", "NIK (national identity number)"),
  role: localized("Peran", "Role"),
  organisation: localized("Perusahaan/instansi", "Company/agency"),
  email: localized("E-mail", "E-mail"),
  phone: localized("Nomor HP", "Mobile number"),
  tenderCode: localized("Kode tender/paket", "Tender/package code"),
  bidDeadline: localized("Batas akhir penawaran", "Bid deadline"),
  description: localized("Uraian permasalahan", "Description of the problem"),
  actingForOther: localized("Mewakili orang lain", "Acting for someone else"),
  ktp: localized("Foto KTP", "KTP photo"),
  suratKuasa: localized("Surat kuasa", "Power of attorney (surat kuasa)"),
  screenshots: localized("Screenshot permasalahan", "Screenshots of the problem"),
} as const satisfies Record<string, Localized>;

/** Extra words that pick a field in the "which answer to change?" list. */
export const FIELD_ALIASES = {
  category: ["kategori", "category", "jenis masalah"],
  consent: [],
  name: ["nama", "name"],
  nik: ["nik", "no ktp", "nomor ktp"],
  role: ["peran", "jabatan", "role"],
  organisation: ["perusahaan", "instansi", "badan usaha", "company", "agency"],
  email: ["email", "e mail", "surel"],
  phone: ["hp", "nomor hp", "no hp", "telepon", "telp", "wa", "whatsapp", "phone", "mobile"],
  tenderCode: ["kode tender", "kode paket", "tender", "paket", "tender code"],
  bidDeadline: ["batas akhir", "deadline", "jadwal", "batas waktu"],
  description: ["uraian", "deskripsi", "permohonan", "masalah", "description", "problem"],
  actingForOther: ["mewakili", "kuasa", "acting", "on behalf"],
  ktp: ["ktp", "foto ktp"],
  suratKuasa: ["surat kuasa", "power of attorney"],
  screenshots: ["screenshot", "ss", "tangkapan layar", "screenshots"],
} as const satisfies Record<keyof typeof FIELD_LABELS, readonly string[]>;

export const KEEP_OPTION: OptionText = {
  label: localized("Tidak diubah", "Keep current answer"),
  aliases: ["tetap", "sama", "tidak diubah", "keep", "same", "lewati", "skip"],
};

const KEEP_CHOICE = choiceRef("keep", KEEP_OPTION.label);

export function currentAnswer(value: Localized): Localized {
  return localized(
    `Jawaban saat ini: ${value.id}\nKirim jawaban baru, atau pilih ${KEEP_CHOICE.id}.`,
    `Current answer: ${value.en}\nSend a new answer, or choose ${KEEP_CHOICE.en}.`,
  );
}

export const YES_NO = {
  yes: localized("Ya", "Yes"),
  no: localized("Tidak", "No"),
} as const;

// --- prompts -------------------------------------------------------------

export const PROMPT_CATEGORY = localized(
  "Permohonan penanganan masalah.\nKendala apa yang Bapak/Ibu alami? Silakan pilih kategori:",
  "Problem-handling request.\nWhat problem are you facing? Please choose a category:",
);

export function promptConsent(expiryHours: number): Localized {
  return localized(
    [
      "Sebelum melanjutkan, kami memerlukan persetujuan Bapak/Ibu.",
      "Untuk menangani permohonan ini, LPSE Kabupaten Landak akan memproses data pribadi Bapak/Ibu (nama, NIK, foto KTP, nomor HP, e-mail, surat kuasa dan screenshot) hanya untuk keperluan penanganan permohonan ini, sesuai UU Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.",
      "Data disimpan secara terenkripsi dan hanya dibagikan kepada IT LKPP bila permasalahan perlu ditangani oleh LKPP.",
      `Draf yang tidak diselesaikan dihapus otomatis setelah ${expiryHours} jam. Bapak/Ibu dapat membatalkan kapan saja dengan mengetik "batal".`,
      "Apakah Bapak/Ibu setuju?",
    ].join("\n\n"),
    [
      "Before we continue, we need your consent.",
      "To handle this request, LPSE Kabupaten Landak will process your personal data (name, NIK, KTP photo, mobile number, e-mail, power of attorney and screenshots) only for handling this request, under Law No. 27 of 2022 on Personal Data Protection (UU PDP).",
      "The data is stored encrypted and is shared only with LKPP IT when the problem has to be handled by LKPP.",
      `An unfinished draft is deleted automatically after ${expiryHours} hours. You can cancel at any time by typing "cancel".`,
      "Do you agree?",
    ].join("\n\n"),
  );
}

export const CONSENT_OPTIONS = {
  agree: {
    label: localized("Ya, saya setuju", "Yes, I agree"),
    aliases: ["setuju", "ya", "iya", "y", "ok", "oke", "agree", "yes", "i agree"],
  },
  refuse: {
    label: localized("Tidak setuju", "I do not agree"),
    aliases: ["tidak", "tdk", "gak", "nggak", "enggak", "no", "n", "disagree", "tolak"],
  },
} as const satisfies Record<string, OptionText>;

export const PROMPT_NAME = localized(
  "Siapa nama lengkap Bapak/Ibu sesuai KTP?\nContoh: Budi Santoso",
  "What is your full name as written on your KTP?\nExample: Budi Santoso",
);

export const PROMPT_NIK = localized(
  "Mohon kirim NIK (Nomor Induk Kependudukan) Bapak/Ibu, 16 angka sesuai KTP.\nContoh: 6108011203850001",
  "Please send your NIK (national identity number), the 16 digits on your KTP.\nExample: 6108011203850001",
);

export const PROMPT_ROLE = localized(
  "Apa peran Bapak/Ibu dalam pengadaan?",
  "What is your role in procurement?",
);

export function promptOrganisation(kind: OrganisationKind): Localized {
  switch (kind) {
    case "company":
      return localized(
        "Apa nama perusahaan/badan usaha Bapak/Ibu?\nContoh: CV Maju Bersama",
        "What is the name of your company?\nExample: CV Maju Bersama",
      );
    case "agency":
      return localized(
        "Apa nama instansi/satuan kerja Bapak/Ibu?\nContoh: Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Landak",
        "What is the name of your government agency or work unit?\nExample: Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Landak",
      );
    case "either":
      return localized(
        "Apa nama perusahaan atau instansi Bapak/Ibu?\nContoh: CV Maju Bersama",
        "What is the name of your company or agency?\nExample: CV Maju Bersama",
      );
  }
}

export const PROMPT_EMAIL = localized(
  "Apa alamat e-mail Bapak/Ibu (sebaiknya yang terdaftar pada akun SPSE)?\nContoh: nama@perusahaan.co.id",
  "What is your e-mail address (preferably the one registered on your SPSE account)?\nExample: name@company.co.id",
);

/** Telegram's keyboard button that shares the user's own number (one text for both languages). */
export const CONTACT_BUTTON_LABEL = "Kirim nomor HP saya / Share my number";
const CONTACT_CHOICE = choiceRef(
  CONTACT_CHOICE_ID,
  localized(CONTACT_BUTTON_LABEL, CONTACT_BUTTON_LABEL),
);

export function promptPhone(canShareContact: boolean): Localized {
  return canShareContact
    ? localized(
        `Mohon bagikan nomor HP Bapak/Ibu dengan menekan tombol ${CONTACT_CHOICE.id} di bawah, atau ketik nomor HP.\nContoh: 081234567890`,
        `Please share your mobile number with the ${CONTACT_CHOICE.en} button below, or type it.\nExample: 081234567890`,
      )
    : localized(
        "Berapa nomor HP/WhatsApp Bapak/Ibu yang dapat dihubungi?\nContoh: 081234567890",
        "What mobile/WhatsApp number can we reach you on?\nExample: 081234567890",
      );
}

export const PROMPT_TENDER_CODE = localized(
  "Berapa kode tender/paket yang bermasalah? Kode berupa angka dan tertera di halaman paket pada SPSE.\nContoh: 10012345000",
  "What is the code of the tender/package concerned? It is a number shown on the package page in SPSE.\nExample: 10012345000",
);

export function promptBidDeadline(exampleYear: number): Localized {
  return localized(
    `Kapan batas akhir pemasukan (upload) dokumen penawaran? Tulis tanggal dan jam dalam WIB.\nContoh: 30/11/${exampleYear} 14:00`,
    `When is the deadline for submitting (uploading) the bid? Write the date and time in WIB (UTC+7).\nExample: 30/11/${exampleYear} 14:00`,
  );
}

export function promptDescription(minChars: number): Localized {
  return localized(
    `Mohon jelaskan permasalahan yang Bapak/Ibu alami dengan kata-kata sendiri (minimal ${minChars} karakter): apa yang dilakukan, apa yang terjadi, dan pesan error yang muncul. Uraian ini menjadi permohonan penanganan Bapak/Ibu.\nContoh: Saat mengunggah dokumen penawaran muncul pesan "upload gagal" dan halaman kembali ke awal.`,
    `Please describe the problem in your own words (at least ${minChars} characters): what you did, what happened and any error message. This description becomes your request for handling.\nExample: When I upload the bid document, the message "upload failed" appears and the page goes back to the start.`,
  );
}

export const PROMPT_ACTING_FOR_OTHER = localized(
  "Apakah Bapak/Ibu mengajukan permohonan ini untuk orang lain, misalnya mewakili direktur perusahaan atau pemilik akun? Bila ya, diperlukan surat kuasa.",
  "Are you submitting this request on behalf of someone else, for example the company director or the account holder? If so, a power of attorney (surat kuasa) is required.",
);

export const ACTING_OPTIONS = {
  yes: {
    label: localized("Ya, mewakili orang lain", "Yes, on behalf of someone else"),
    aliases: ["ya", "iya", "y", "yes", "mewakili", "diwakilkan", "kuasa"],
  },
  no: {
    label: localized("Tidak, untuk diri sendiri", "No, for myself"),
    aliases: ["tidak", "tdk", "gak", "nggak", "enggak", "bukan", "no", "n", "sendiri", "myself"],
  },
} as const satisfies Record<string, OptionText>;

export const PROMPT_KTP = localized(
  "Mohon kirim foto KTP Bapak/Ibu (gambar JPG, PNG atau WEBP). Pastikan seluruh tulisan terbaca jelas.",
  "Please send a photo of your KTP (a JPG, PNG or WEBP image). Make sure all text is readable.",
);

export const PROMPT_SURAT_KUASA = localized(
  "Mohon kirim surat kuasa yang ditandatangani pemberi kuasa (pemilik akun/pimpinan), berupa foto (JPG, PNG atau WEBP) atau file PDF.",
  "Please send the power of attorney (surat kuasa) signed by the person you represent (account holder/director), as a photo (JPG, PNG or WEBP) or a PDF file.",
);

export function promptScreenshots(received: number, max: number): Localized {
  return received === 0
    ? localized(
        `Mohon kirim 1 sampai ${max} screenshot (tangkapan layar) permasalahan, berupa gambar. Ketik "selesai" bila sudah.`,
        `Please send 1 to ${max} screenshots of the problem, as images. Type "done" when finished.`,
      )
    : localized(
        `Sudah ada ${received} screenshot. Kirim screenshot tambahan (maksimal ${max}), ketik "ulang" untuk mengganti semuanya, atau ketik "selesai".`,
        `${received} screenshot(s) received so far. Send more (at most ${max}), type "redo" to replace them all, or type "done".`,
      );
}

export const SCREENSHOT_OPTIONS = {
  done: {
    label: localized("Selesai", "Done"),
    aliases: ["selesai", "sudah", "cukup", "done", "finish", "finished", "lanjut", "ok"],
  },
  reset: {
    label: localized("Ulang dari awal", "Redo from scratch"),
    aliases: ["ulang", "ulangi", "hapus", "redo", "reset", "clear"],
  },
} as const satisfies Record<string, OptionText>;

// --- acknowledgements ----------------------------------------------------

export const KTP_RECEIVED = localized("Foto KTP diterima.", "KTP photo received.");
export const SURAT_KUASA_RECEIVED = localized(
  "Surat kuasa diterima.",
  "Power of attorney received.",
);

export function screenshotReceived(count: number, max: number): Localized {
  return count >= max
    ? localized(
        `Screenshot ke-${count} diterima. Batas ${max} screenshot sudah tercapai.`,
        `Screenshot ${count} received. The limit of ${max} screenshots has been reached.`,
      )
    : localized(
        `Screenshot ke-${count} diterima. Kirim screenshot lain (maksimal ${max}) atau ketik "selesai".`,
        `Screenshot ${count} received. Send another one (at most ${max}) or type "done".`,
      );
}

export const SCREENSHOTS_CLEARED = localized(
  "Screenshot sebelumnya telah dihapus.",
  "The earlier screenshots have been removed.",
);
