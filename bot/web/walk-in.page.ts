// The form an agent fills in for a citizen who came in person or wrote an
// e-mail (/konsol/tiket/baru). Pure; every value is escaped where it is put
// in. Shown again with the typed values and the corrections when refused.
import { promptConsent, ROLES } from "../../core/content/index.ts";
import type { ConversationSettings } from "../../core/domain/conversation/index.ts";
import { csrfField, escapeHtml as e, page, type Viewer } from "./html.ts";

export const WALK_IN_PATH = "/konsol/tiket/baru";

/** The form's field names and how the page names them in a correction. */
export const FIELD_LABELS = {
  sumber: "Sumber permohonan",
  nama: "Nama pemohon",
  organisasi: "Instansi/perusahaan",
  nik: "NIK",
  telepon: "Nomor HP",
  email: "E-mail",
  peran: "Peran pemohon",
  kategori: "Kategori",
  kode_tender: "Kode tender",
  atas_nama: "Bertindak untuk orang lain",
  uraian: "Uraian permasalahan",
  persetujuan: "Persetujuan pemrosesan data pribadi",
  pemberitahuan: "Pemberitahuan kepada pemohon",
  lampiran: "Lampiran",
} as const;
export type FormField = keyof typeof FIELD_LABELS;

export interface FormError {
  field: FormField;
  message: string;
}

/** The consent the chat asks for, without its chat-only lines (draft expiry, "batal", the question). */
export function consentText(settings: ConversationSettings): string[] {
  const hours = Math.round(settings.draftExpiryAfterMs / 3_600_000);
  return promptConsent(hours).id.split("\n\n").slice(0, 3);
}

const SOURCES = [
  ["DATANG_LANGSUNG", "Datang langsung"],
  ["EMAIL", "E-mail"],
] as const;
const NOTIFY = [
  ["WHATSAPP", "WhatsApp (nomor HP di atas)"],
  ["EMAIL", "E-mail (alamat di atas)"],
] as const;

type Values = Partial<Record<FormField, string>>;

function radios(name: FormField, options: readonly (readonly [string, string])[], values: Values) {
  return `<fieldset><legend>${e(FIELD_LABELS[name])}</legend>${options
    .map(
      ([value, label], i) =>
        `<label><input type="radio" name="${name}" value="${value}"${
          (values[name] ?? options[0]?.[0]) === value ? " checked" : ""
        }${i === 0 ? " required" : ""}> ${e(label)}</label>`,
    )
    .join("")}</fieldset>`;
}

function select(name: FormField, options: readonly (readonly [string, string])[], values: Values) {
  return `<label for="${name}">${e(FIELD_LABELS[name])}</label><select id="${name}" name="${name}" required>
<option value="">— pilih —</option>${options
    .map(
      ([value, label]) =>
        `<option value="${e(value)}"${values[name] === value ? " selected" : ""}>${e(label)}</option>`,
    )
    .join("")}</select>`;
}

function input(name: FormField, values: Values, attrs = "") {
  return `<label for="${name}">${e(FIELD_LABELS[name])}</label><input id="${name}" name="${name}" value="${e(values[name] ?? "")}" ${attrs}>`;
}

const checked = (values: Values, name: FormField) => (values[name] ? " checked" : "");

export function walkInPage(
  viewer: Viewer,
  settings: ConversationSettings,
  opts: { values?: Values; errors?: readonly FormError[] } = {},
): string {
  const values = opts.values ?? {};
  const errors = opts.errors ?? [];
  const alert =
    errors.length === 0
      ? ""
      : `<div class="error" role="alert"><p>Mohon perbaiki isian berikut:</p><ul>${errors
          .map(
            (x) =>
              `<li><a href="#${x.field}">${e(FIELD_LABELS[x.field])}</a>: ${e(x.message)}</li>`,
          )
          .join("")}</ul></div>`;
  const categories = settings.categories.map((c) => [c.id, c.label.id] as const);
  const roles = ROLES.map((r) => [r.id, r.label.id] as const);
  const body = `${alert}
<p>Untuk permohonan yang disampaikan dengan datang langsung ke kantor atau melalui e-mail. Tiket dicatat seperti permohonan lewat chat: mendapat nomor, batas waktu layanan, tim dan topik di grup petugas.</p>
<form method="post" action="${WALK_IN_PATH}" enctype="multipart/form-data">${csrfField(viewer.csrf)}
${radios("sumber", SOURCES, values)}
${input("nama", values, 'required autocomplete="off"')}
${select("peran", roles, values)}
${input("organisasi", values, "required")}
${input("nik", values, 'required inputmode="numeric" autocomplete="off"')}
${input("telepon", values, 'required type="tel" autocomplete="off"')}
${input("email", values, 'required type="email" autocomplete="off"')}
${select("kategori", categories, values)}
${input("kode_tender", values, 'inputmode="numeric"')}
<label for="uraian">${e(FIELD_LABELS.uraian)}</label><textarea id="uraian" name="uraian" rows="6" cols="60" required>${e(values.uraian ?? "")}</textarea>
<label><input type="checkbox" name="atas_nama" value="ya"${checked(values, "atas_nama")}> Pemohon bertindak untuk orang lain (dengan surat kuasa)</label>
<fieldset id="lampiran"><legend>${e(FIELD_LABELS.lampiran)}</legend>
<p>Foto atau hasil pindai (JPEG, PNG, WebP) atau PDF. Jenis berkas diperiksa dari isinya.</p>
<label for="ktp">Foto/pindaian KTP</label><input id="ktp" name="ktp" type="file" accept="image/jpeg,image/png,image/webp,application/pdf">
<label for="surat_permohonan">Surat permohonan</label><input id="surat_permohonan" name="surat_permohonan" type="file" accept="image/jpeg,image/png,image/webp,application/pdf">
<label for="surat_kuasa">Surat kuasa</label><input id="surat_kuasa" name="surat_kuasa" type="file" accept="image/jpeg,image/png,image/webp,application/pdf">
<label for="tangkapan_layar">Tangkapan layar</label><input id="tangkapan_layar" name="tangkapan_layar" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf"></fieldset>
${radios("pemberitahuan", NOTIFY, values)}
<fieldset id="persetujuan"><legend>${e(FIELD_LABELS.persetujuan)}</legend>
${consentText(settings)
  .map((p) => `<p>${e(p)}</p>`)
  .join("")}
<label><input type="checkbox" name="persetujuan" value="setuju" required${checked(values, "persetujuan")}> Pemohon telah membaca dan menyetujui pemrosesan data pribadi di atas</label></fieldset>
<p><button type="submit">Catat permohonan</button></p></form>`;
  return page("Permohonan baru (datang langsung / e-mail)", body, viewer);
}
