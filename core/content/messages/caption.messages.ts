import { type Localized, localized } from "../language.ts";

/** A file with a caption where the bot takes no file: the caption was read as a typed message. */
export const CAPTION_READ_AS_TEXT: Localized = localized(
  "Pada langkah ini kami tidak memerlukan file, sehingga file yang Bapak/Ibu kirim tidak kami simpan. Keterangan yang Bapak/Ibu tulis pada file tersebut kami baca sebagai pesan biasa. Bila nanti kami meminta file, mohon kirim kembali.",
  "We do not need a file at this step, so the file you sent was not kept. We read the caption you wrote on it as an ordinary message. If we ask for a file later, please send it again.",
);

/** A file that answered a document question came with a caption: it stays with the file. */
export const CAPTION_KEPT: Localized = localized(
  "Keterangan yang Bapak/Ibu tulis pada file tersebut kami simpan bersama file untuk dibaca petugas.",
  "The caption you wrote on it is kept with the file for our staff to read.",
);

/** A file sent on coming back to an unfinished request, while the bot first asks how to go on. */
export const FILE_NOT_KEPT_ON_RESUME: Localized = localized(
  "File yang Bapak/Ibu kirim belum kami simpan karena kami perlu menanyakan dahulu kelanjutan permohonan Bapak/Ibu. Setelah memilih, mohon kirim kembali file tersebut bila diminta.",
  "The file you sent was not kept yet: first we need to ask how you want to go on with your request. After choosing, please send the file again when we ask for it.",
);
