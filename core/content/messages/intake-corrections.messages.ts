import { type Localized, localized, perLanguage } from "../language.ts";
import type { OrganisationKind } from "../roles.content.ts";

/** Corrections for refused intake answers: what was wrong, then an example of a good answer. */

const NAME_EXAMPLE = localized("Contoh: Budi Santoso", "Example: Budi Santoso");

export const NAME_ERRORS = {
  tooShort: localized(
    `Nama terlalu pendek. Mohon tulis nama lengkap sesuai KTP.\n${NAME_EXAMPLE.id}`,
    `That name is too short. Please write your full name as on your KTP.\n${NAME_EXAMPLE.en}`,
  ),
  tooLong: localized(
    `Nama terlalu panjang (maksimal 100 karakter).\n${NAME_EXAMPLE.id}`,
    `That name is too long (at most 100 characters).\n${NAME_EXAMPLE.en}`,
  ),
  invalidCharacters: localized(
    `Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik atau tanda hubung, tanpa angka.\n${NAME_EXAMPLE.id}`,
    `A name may contain only letters, spaces, full stops, commas, apostrophes or hyphens, and no digits.\n${NAME_EXAMPLE.en}`,
  ),
} as const satisfies Record<string, Localized>;

const NIK_EXAMPLE = localized("Contoh: 6108011203850001", "Example: 6108011203850001");

export const NIK_ERRORS = {
  notDigits: localized(
    `NIK hanya berisi angka.\n${NIK_EXAMPLE.id}`,
    `A NIK contains digits only.\n${NIK_EXAMPLE.en}`,
  ),
  length: (digits: number): Localized =>
    localized(
      `NIK harus terdiri dari 16 angka, sedangkan yang Bapak/Ibu kirim berisi ${digits} angka. Mohon periksa kembali KTP Bapak/Ibu.\n${NIK_EXAMPLE.id}`,
      `A NIK has 16 digits; the one you sent has ${digits}. Please check your KTP again.\n${NIK_EXAMPLE.en}`,
    ),
  province: (code: string): Localized =>
    localized(
      `Dua angka pertama NIK (${code}) bukan kode provinsi yang berlaku. Mohon periksa kembali KTP Bapak/Ibu.\n${NIK_EXAMPLE.id}`,
      `The first two digits of the NIK (${code}) are not a valid province code. Please check your KTP again.\n${NIK_EXAMPLE.en}`,
    ),
  region: localized(
    `Angka ke-3 sampai ke-6 NIK (kode kabupaten/kota dan kecamatan) tidak boleh 00. Mohon periksa kembali KTP Bapak/Ibu.\n${NIK_EXAMPLE.id}`,
    `Digits 3 to 6 of the NIK (regency and district codes) cannot be 00. Please check your KTP again.\n${NIK_EXAMPLE.en}`,
  ),
  birthDate: localized(
    `Angka ke-7 sampai ke-12 NIK harus berupa tanggal lahir yang benar (TTBBTT; untuk perempuan tanggal ditambah 40). Mohon periksa kembali KTP Bapak/Ibu.\n${NIK_EXAMPLE.id}`,
    `Digits 7 to 12 of the NIK must be a real date of birth (DDMMYY; for women 40 is added to the day). Please check your KTP again.\n${NIK_EXAMPLE.en}`,
  ),
  serial: localized(
    `Empat angka terakhir NIK tidak boleh 0000. Mohon periksa kembali KTP Bapak/Ibu.\n${NIK_EXAMPLE.id}`,
    `The last four digits of the NIK cannot be 0000. Please check your KTP again.\n${NIK_EXAMPLE.en}`,
  ),
} as const;

function organisationExample(kind: OrganisationKind): Localized {
  return kind === "agency"
    ? localized(
        "Contoh: Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Landak",
        "Example: Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Landak",
      )
    : localized("Contoh: CV Maju Bersama", "Example: CV Maju Bersama");
}

export const ORGANISATION_ERRORS = {
  tooShort: (kind: OrganisationKind): Localized =>
    perLanguage((language) =>
      language === "id"
        ? `Nama perusahaan/instansi terlalu pendek. Mohon tulis nama lengkapnya.\n${organisationExample(kind).id}`
        : `That company/agency name is too short. Please write the full name.\n${organisationExample(kind).en}`,
    ),
  tooLong: (kind: OrganisationKind): Localized =>
    perLanguage((language) =>
      language === "id"
        ? `Nama perusahaan/instansi terlalu panjang (maksimal 150 karakter).\n${organisationExample(kind).id}`
        : `That company/agency name is too long (at most 150 characters).\n${organisationExample(kind).en}`,
    ),
  noLetters: (kind: OrganisationKind): Localized =>
    perLanguage((language) =>
      language === "id"
        ? `Mohon tulis nama perusahaan/instansi dengan huruf.\n${organisationExample(kind).id}`
        : `Please write the company/agency name in letters.\n${organisationExample(kind).en}`,
    ),
} as const;

export const EMAIL_ERRORS = {
  format: localized(
    "Format alamat e-mail belum benar. Pastikan ada tanda @ dan nama domain, tanpa spasi.\nContoh: nama@perusahaan.co.id",
    "That e-mail address is not valid. It needs an @ and a domain name, without spaces.\nExample: name@company.co.id",
  ),
  typo: (suggestion: string): Localized =>
    localized(
      `Sepertinya ada salah ketik pada alamat e-mail. Apakah maksud Bapak/Ibu ${suggestion}? Mohon ketik ulang alamat e-mail yang benar.`,
      `The e-mail address seems to contain a typo. Did you mean ${suggestion}? Please type the correct address again.`,
    ),
} as const;

const PHONE_EXAMPLE = localized("Contoh: 081234567890", "Example: 081234567890");

export const PHONE_ERRORS = {
  format: localized(
    `Nomor HP belum benar. Tulis nomor yang diawali 08, 628 atau +628, hanya angka.\n${PHONE_EXAMPLE.id}`,
    `That mobile number is not valid. Write a number starting with 08, 628 or +628, digits only.\n${PHONE_EXAMPLE.en}`,
  ),
  foreign: localized(
    `Mohon gunakan nomor HP Indonesia (+62).\n${PHONE_EXAMPLE.id}`,
    `Please use an Indonesian mobile number (+62).\n${PHONE_EXAMPLE.en}`,
  ),
  notMobile: localized(
    `Mohon gunakan nomor HP/seluler (diawali 08), bukan nomor telepon kantor.\n${PHONE_EXAMPLE.id}`,
    `Please use a mobile number (starting with 08), not a landline.\n${PHONE_EXAMPLE.en}`,
  ),
  length: localized(
    `Jumlah angka nomor HP belum sesuai (nomor HP Indonesia berisi 10 sampai 13 angka).\n${PHONE_EXAMPLE.id}`,
    `The number of digits is not right (Indonesian mobile numbers have 10 to 13 digits).\n${PHONE_EXAMPLE.en}`,
  ),
  sharedContact: localized(
    `Kontak yang dibagikan bukan nomor HP Indonesia yang dapat kami gunakan. Mohon ketik nomor HP Bapak/Ibu.\n${PHONE_EXAMPLE.id}`,
    `The shared contact is not an Indonesian mobile number we can use. Please type your mobile number.\n${PHONE_EXAMPLE.en}`,
  ),
} as const;

export const TENDER_CODE_ERRORS = {
  format: localized(
    "Kode tender/paket hanya berisi angka (5 sampai 20 angka).\nContoh: 10012345000",
    "A tender/package code contains digits only (5 to 20 digits).\nExample: 10012345000",
  ),
} as const;

export const BID_DEADLINE_ERRORS = {
  format: (exampleYear: number): Localized =>
    localized(
      `Format tanggal dan jam belum kami kenali. Tulis tanggal/bulan/tahun lalu jam:menit (WIB).\nContoh: 30/11/${exampleYear} 14:00`,
      `We could not read that date and time. Write day/month/year and then hour:minute (WIB).\nExample: 30/11/${exampleYear} 14:00`,
    ),
  missingTime: (exampleYear: number): Localized =>
    localized(
      `Mohon sertakan juga jam batas akhir penawaran (WIB).\nContoh: 30/11/${exampleYear} 14:00`,
      `Please include the time of the deadline too (WIB).\nExample: 30/11/${exampleYear} 14:00`,
    ),
  invalidDate: (exampleYear: number): Localized =>
    localized(
      `Tanggal atau jam tersebut tidak ada di kalender (misalnya 31/02). Mohon periksa kembali.\nContoh: 30/11/${exampleYear} 14:00`,
      `That date or time does not exist (for example 31/02). Please check it again.\nExample: 30/11/${exampleYear} 14:00`,
    ),
  outOfRange: (exampleYear: number): Localized =>
    localized(
      `Tanggal tersebut lebih dari satu tahun dari hari ini. Mohon periksa kembali tahunnya.\nContoh: 30/11/${exampleYear} 14:00`,
      `That date is more than a year away from today. Please check the year.\nExample: 30/11/${exampleYear} 14:00`,
    ),
} as const;

export const DESCRIPTION_ERRORS = {
  tooShort: (length: number, min: number): Localized =>
    localized(
      `Uraian terlalu singkat (${length} karakter). Mohon jelaskan lebih rinci, minimal ${min} karakter: apa yang dilakukan, apa yang terjadi, dan pesan error yang muncul.\nContoh: Saat login muncul pesan "user tidak aktif" padahal akun sudah diverifikasi.`,
      `The description is too short (${length} characters). Please give more detail, at least ${min} characters: what you did, what happened and any error message.\nExample: When I log in, the message "user not active" appears although my account was verified.`,
    ),
  tooLong: (max: number): Localized =>
    localized(
      `Uraian terlalu panjang (maksimal ${max} karakter). Mohon ringkas, detail lain dapat disampaikan kepada petugas nanti.`,
      `The description is too long (at most ${max} characters). Please shorten it; other details can be given to our staff later.`,
    ),
} as const;

export const MEDIA_ERRORS = {
  ktpMustBePhoto: localized(
    "KTP harus dikirim sebagai foto (JPG, PNG atau WEBP). File PDF atau dokumen lain tidak dapat diterima untuk KTP.",
    "The KTP must be sent as a photo (JPG, PNG or WEBP). PDF files or other documents are not accepted for the KTP.",
  ),
  suratKuasaFormat: localized(
    "Surat kuasa harus berupa foto (JPG, PNG atau WEBP) atau file PDF.",
    "The power of attorney must be a photo (JPG, PNG or WEBP) or a PDF file.",
  ),
  screenshotMustBeImage: localized(
    "Screenshot harus berupa gambar (JPG, PNG atau WEBP).",
    "Screenshots must be images (JPG, PNG or WEBP).",
  ),
  tooLarge: (maxMegabytes: number): Localized =>
    localized(
      `Ukuran file terlalu besar (maksimal ${maxMegabytes} MB). Mohon kirim file yang lebih kecil.`,
      `The file is too large (at most ${maxMegabytes} MB). Please send a smaller file.`,
    ),
  unsafePdf: localized(
    "Maaf, file PDF ini tidak dapat kami terima demi keamanan: berisi skrip, aksi otomatis, atau file sisipan, atau terkunci dengan sandi. Mohon kirim PDF biasa (misalnya hasil pindai atau cetak ke PDF) tanpa sandi, atau foto dokumennya.",
    "Sorry, we cannot accept this PDF for security reasons: it contains scripts, automatic actions or attached files, or it is password-protected. Please send a plain PDF (for example a scan or a print to PDF) without a password, or a photo of the document.",
  ),
  missingFile: localized(
    "File belum berhasil kami terima. Mohon kirim ulang.",
    "We could not receive the file. Please send it again.",
  ),
  expectedKtp: localized(
    "Pada langkah ini kami menunggu foto KTP, bukan pesan teks.",
    "At this step we are waiting for a photo of your KTP, not a text message.",
  ),
  expectedSuratKuasa: localized(
    "Pada langkah ini kami menunggu foto atau PDF surat kuasa, bukan pesan teks.",
    "At this step we are waiting for a photo or PDF of the power of attorney, not a text message.",
  ),
  expectedScreenshot: localized(
    'Pada langkah ini kami menunggu screenshot berupa gambar. Ketik "selesai" bila sudah.',
    'At this step we are waiting for screenshots as images. Type "done" when finished.',
  ),
  screenshotsFull: (max: number): Localized =>
    localized(
      `Batas ${max} screenshot sudah tercapai. Ketik "ulang" untuk mengganti semuanya, atau "selesai" untuk melanjutkan.`,
      `The limit of ${max} screenshots has been reached. Type "redo" to replace them all, or "done" to continue.`,
    ),
  screenshotsNeedOne: localized(
    'Mohon kirim minimal 1 screenshot permasalahan sebelum mengetik "selesai".',
    'Please send at least 1 screenshot of the problem before typing "done".',
  ),
  documentNotExpected: localized(
    "Terima kasih, namun saat ini kami belum memerlukan file. Mohon jawab pertanyaan berikut dengan teks.",
    "Thank you, but we do not need a file at this point. Please answer the question below with text.",
  ),
  contactNotExpected: localized(
    "Terima kasih, namun saat ini kami belum memerlukan kontak. Mohon jawab pertanyaan berikut.",
    "Thank you, but we do not need a contact at this point. Please answer the question below.",
  ),
} as const;
