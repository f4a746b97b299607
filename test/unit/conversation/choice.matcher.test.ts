import { describe, expect, it } from "vitest";
import { matchOption } from "../../../core/domain/conversation/choice.matcher.ts";
import { resolveConversationSettings } from "../../../core/domain/conversation/index.ts";
import {
  categoryOptions,
  consentOptions,
  humanOfferOptions,
  menuOptions,
  roleOptions,
  summaryOptions,
} from "../../../core/domain/conversation/options.catalog.ts";
import { T0, testSettings } from "../../fixtures/conversation.builders.ts";

const text = (value: string) => ({ type: "text" as const, at: T0, text: value });
const picked = (options: ReturnType<typeof menuOptions>, value: string) => {
  const match = matchOption(options, text(value));
  return match.type === "matched" ? match.option.id : match.type;
};

describe("matchOption on the main menu", () => {
  it.each([
    ["1", "menu.apply"],
    ["2", "menu.status"],
    [" 3. ", "menu.info"],
    ["nomor 4", "menu.complaint"],
    ["5", "menu.agent"],
    ["cek status", "menu.status"],
    ["CEK STATUS", "menu.status"],
    ["cék státus", "menu.status"],
    ["Cek-Status!", "menu.status"],
    ["saya mau cek status tiket", "menu.status"],
    ["status", "menu.status"],
    ["persyaratan", "menu.info"],
    ["biaya", "menu.info"],
    ["pengaduan", "menu.complaint"],
    ["ajukan permohonan", "menu.apply"],
    ["Check ticket status", "menu.status"],
    ["complaint", "menu.complaint"],
    // The data rights come after the five older services, which keep their numbers.
    ["6", "menu.myData"],
    ["7", "menu.deleteData"],
    ["lihat data pribadi", "menu.myData"],
    ["hapus data", "menu.deleteData"],
    ["my data", "menu.myData"],
    ["delete my data", "menu.deleteData"],
  ])("%j selects %s", (input, expected) => {
    expect(picked(menuOptions(), input)).toBe(expected);
  });

  it.each([
    "0",
    "8",
    "99",
    "layanan",
    "halo",
    "",
    "   ",
    // Which of the two? Neither: with a ticket open, it goes to the agents.
    "data",
    "data pribadi",
    "data saya di SPSE hilang setelah login",
  ])("%j selects nothing", (input) => {
    expect(picked(menuOptions(), input)).toBe("none");
  });

  it("takes a button press by id and flags an unknown id as stale", () => {
    expect(
      matchOption(menuOptions(), { type: "choice", at: T0, optionId: "menu.info" }),
    ).toMatchObject({
      type: "matched",
      option: { id: "menu.info" },
    });
    expect(
      matchOption(menuOptions(), { type: "choice", at: T0, optionId: "summary.confirm" }),
    ).toEqual({
      type: "stale",
    });
  });
});

describe("matchOption on categories and roles", () => {
  const categories = categoryOptions(resolveConversationSettings(testSettings()));

  it.each([
    ["lupa password", "category.LUPA_PASSWORD"],
    ["password", "category.LUPA_PASSWORD"],
    ["otp", "category.KENDALA_OTP"],
    ["gagal upload", "category.GAGAL_UNGGAH_PENAWARAN"],
    ["surat keterangan gangguan", "category.SURAT_KETERANGAN_GANGGUAN"],
    ["6", "category.GAGAL_UNGGAH_PENAWARAN"],
    ["lainnya", "category.LAINNYA"],
    ["email", "category.PERUBAHAN_EMAIL"],
  ])("%j selects %s", (input, expected) => {
    expect(picked(categories, input)).toBe(expected);
  });

  it("refuses an ambiguous word", () => {
    expect(picked(categories, "akun")).toBe("none");
  });

  it.each([
    ["ppk", "role.PPK"],
    ["Pokja", "role.POKJA_PEMILIHAN"],
    ["pejabat pengadaan", "role.PEJABAT_PENGADAAN"],
    ["penyedia", "role.PENYEDIA"],
    ["vendor", "role.PENYEDIA"],
    ["1", "role.PENYEDIA"],
  ])("role %j selects %s", (input, expected) => {
    expect(picked(roleOptions(), input)).toBe(expected);
  });

  it("refuses 'pejabat' alone (two roles have it)", () => {
    expect(picked(roleOptions(), "pejabat")).toBe("none");
  });

  it.each([
    ["saya setuju", "consent.agree"],
    ["Ya, saya setuju", "consent.agree"],
    ["setuju", "consent.agree"],
    ["saya tidak setuju", "consent.refuse"],
    ["tidak", "consent.refuse"],
    ["I agree", "consent.agree"],
  ])("consent %j selects %s", (input, expected) => {
    expect(picked(consentOptions(), input)).toBe(expected);
  });

  it("strict matching takes only ids, numbers and exact words", () => {
    const loose = matchOption(humanOfferOptions(), text("sudah coba lagi tapi upload tetap gagal"));
    const strict = matchOption(
      humanOfferOptions(),
      text("sudah coba lagi tapi upload tetap gagal"),
      {
        loose: false,
      },
    );
    expect(loose.type).toBe("matched");
    expect(strict.type).toBe("none");
    expect(matchOption(humanOfferOptions(), text("coba lagi"), { loose: false })).toMatchObject({
      type: "matched",
      option: { id: "offer.retry" },
    });
  });

  it("reads the summary's yes-words as confirm", () => {
    expect(picked(summaryOptions(), "kirim")).toBe("summary.confirm");
    expect(picked(summaryOptions(), "ubah")).toBe("summary.edit");
  });
});
