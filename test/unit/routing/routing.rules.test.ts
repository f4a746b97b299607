import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTING_CONFIG } from "../../../core/domain/routing/routing.defaults.ts";
import {
  parseRoutingConfig,
  route,
  type TicketFacts,
} from "../../../core/domain/routing/routing.rules.ts";
import type { RoutingConfig } from "../../../core/domain/routing/routing.schema.ts";
import { DEFAULT_CATEGORY_IDS } from "../../../core/domain/ticket/ticket.catalog.ts";

/** Thursday 3 December 2026, 09:00 WIB. */
const NOW = new Date("2026-12-03T02:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const facts = (overrides: Partial<TicketFacts>): TicketFacts => ({
  category: "LAINNYA",
  userRole: "PENYEDIA",
  bidDeadline: null,
  ...overrides,
});
const deadlineIn = (ms: number) => new Date(NOW.getTime() + ms);

describe("default rules", () => {
  it.each([
    ["LUPA_PASSWORD", "HELPDESK", "NORMAL", "lupa-password"],
    ["REGISTRASI_AKUN", "VERIFIKATOR", "NORMAL", "verifikasi-penyedia"],
    ["DATA_PENYEDIA", "VERIFIKATOR", "NORMAL", "verifikasi-penyedia"],
    ["PERUBAHAN_EMAIL", "VERIFIKATOR", "NORMAL", "verifikasi-penyedia"],
    ["KENDALA_OTP", "ADMIN", "NORMAL", "kendala-otp"],
    ["GAGAL_UNGGAH_PENAWARAN", "ADMIN", "NORMAL", "gagal-unggah"],
    ["ERROR_APLIKASI", "ADMIN", "NORMAL", "error-spse"],
    ["SURAT_KETERANGAN_GANGGUAN", "BIDANG", "TINGGI", "surat-keterangan-gangguan"],
    ["LAINNYA", "HELPDESK", "NORMAL", null],
  ] as const)("a penyedia's %s goes to %s/%s", (category, team, priority, ruleId) => {
    expect(route(facts({ category }), DEFAULT_ROUTING_CONFIG, NOW)).toMatchObject({
      team,
      priority,
      ruleId,
    });
  });

  it("covers every shipped category", () => {
    for (const category of DEFAULT_CATEGORY_IDS) {
      const decision = route(facts({ category }), DEFAULT_ROUTING_CONFIG, NOW);
      expect(decision.team).not.toBe("LKPP");
    }
  });

  it("sends an unknown category to the fallback with an explanation", () => {
    const decision = route(facts({ category: "kategori_baru" }), DEFAULT_ROUTING_CONFIG, NOW);
    expect(decision).toMatchObject({ team: "HELPDESK", priority: "NORMAL", ruleId: null });
    expect(decision.reason).toContain("Tidak ada aturan yang cocok untuk kategori kategori_baru");
    expect(decision.reasonEn).toContain("No rule matches");
  });
});

describe("role-specific rules", () => {
  it.each(["PPK", "POKJA_PEMILIHAN", "PEJABAT_PENGADAAN", "AUDITOR"] as const)(
    "a %s's account problem goes to ADMIN",
    (userRole) => {
      for (const category of ["LUPA_PASSWORD", "PERUBAHAN_EMAIL", "KENDALA_OTP"]) {
        expect(route(facts({ category, userRole }), DEFAULT_ROUTING_CONFIG, NOW)).toMatchObject({
          team: "ADMIN",
          ruleId: "akun-non-penyedia",
        });
      }
    },
  );

  it.each([
    ["PENYEDIA", "HELPDESK", "lupa-password"],
    ["LAINNYA", "HELPDESK", "lupa-password"],
    [null, "HELPDESK", "lupa-password"],
  ] as const)("a forgotten password of role %s goes to %s", (userRole, team, ruleId) => {
    expect(
      route(facts({ category: "LUPA_PASSWORD", userRole }), DEFAULT_ROUTING_CONFIG, NOW),
    ).toMatchObject({ team, ruleId });
  });

  it("raises SPSE errors of Pokja and PP, not of penyedia", () => {
    const pokja = route(
      facts({ category: "ERROR_APLIKASI", userRole: "POKJA_PEMILIHAN" }),
      DEFAULT_ROUTING_CONFIG,
      NOW,
    );
    expect(pokja).toMatchObject({ priority: "TINGGI", ruleId: "error-spse-panitia" });
    const penyedia = route(facts({ category: "ERROR_APLIKASI" }), DEFAULT_ROUTING_CONFIG, NOW);
    expect(penyedia).toMatchObject({ priority: "NORMAL", ruleId: "error-spse" });
  });

  it("explains the rule in the reason", () => {
    const decision = route(facts({ category: "DATA_PENYEDIA" }), DEFAULT_ROUTING_CONFIG, NOW);
    expect(decision.reason).toMatch(
      /^Aturan "verifikasi-penyedia" \(.+\): tim VERIFIKATOR, prioritas NORMAL\.$/,
    );
  });
});

describe("first match wins", () => {
  const config: RoutingConfig = {
    rules: [
      { id: "first", when: { categories: ["ERROR_APLIKASI"] }, team: "ANALIS", priority: "RENDAH" },
      {
        id: "second",
        when: { categories: ["ERROR_APLIKASI"], userRoles: ["POKJA_PEMILIHAN"] },
        team: "ADMIN",
        priority: "TINGGI",
      },
      { id: "catch-all", when: {}, team: "BIDANG", priority: "NORMAL" },
    ],
    fallback: { team: "HELPDESK", priority: "NORMAL" },
    deadlineUrgency: { categories: [], tiers: [] },
  };

  it("uses the earlier rule even when a later one is more specific", () => {
    expect(
      route(facts({ category: "ERROR_APLIKASI", userRole: "POKJA_PEMILIHAN" }), config, NOW),
    ).toMatchObject({
      team: "ANALIS",
      priority: "RENDAH",
      ruleId: "first",
    });
  });

  it("a rule without conditions matches everything after it", () => {
    expect(route(facts({ category: "LAINNYA", userRole: null }), config, NOW)).toMatchObject({
      ruleId: "catch-all",
    });
  });
});

describe("bid-deadline urgency (default: TINGGI within 24 h, MENDESAK within 3 h)", () => {
  const upload = (bidDeadline: Date | null) =>
    route(facts({ category: "GAGAL_UNGGAH_PENAWARAN", bidDeadline }), DEFAULT_ROUTING_CONFIG, NOW);

  it.each([
    ["no deadline", null, "NORMAL"],
    ["in 3 days", deadlineIn(72 * HOUR), "NORMAL"],
    ["24 h + 1 min away", deadlineIn(24 * HOUR + MINUTE), "NORMAL"],
    ["24 h + 1 ms away", deadlineIn(24 * HOUR + 1), "NORMAL"],
    ["exactly 24 h away", deadlineIn(24 * HOUR), "TINGGI"],
    ["23 h 59 min away", deadlineIn(24 * HOUR - MINUTE), "TINGGI"],
    ["3 h + 1 min away", deadlineIn(3 * HOUR + MINUTE), "TINGGI"],
    ["exactly 3 h away", deadlineIn(3 * HOUR), "MENDESAK"],
    ["10 min away", deadlineIn(10 * MINUTE), "MENDESAK"],
    ["now", deadlineIn(0), "MENDESAK"],
    ["passed 1 min ago", deadlineIn(-MINUTE), "NORMAL"],
  ] as const)("deadline %s -> %s", (_label, bidDeadline, priority) => {
    expect(upload(bidDeadline).priority).toBe(priority);
  });

  it("says why the priority was raised", () => {
    const decision = upload(deadlineIn(2 * HOUR + 10 * MINUTE));
    expect(decision.reason).toContain(
      "Batas unggah penawaran 2 jam 10 menit lagi (≤ 3 jam): prioritas dinaikkan ke MENDESAK.",
    );
    expect(decision.reasonEn).toContain("priority raised to MENDESAK");
  });

  it("says when the deadline has passed", () => {
    expect(upload(deadlineIn(-HOUR)).reason).toContain("sudah lewat");
  });

  it("ignores deadlines of other categories", () => {
    const decision = route(
      facts({ category: "ERROR_APLIKASI", bidDeadline: deadlineIn(MINUTE) }),
      DEFAULT_ROUTING_CONFIG,
      NOW,
    );
    expect(decision.priority).toBe("NORMAL");
  });

  it("never lowers a rule's priority", () => {
    const config: RoutingConfig = {
      ...DEFAULT_ROUTING_CONFIG,
      rules: [
        {
          id: "unggah",
          when: { categories: ["GAGAL_UNGGAH_PENAWARAN"] },
          team: "ADMIN",
          priority: "MENDESAK",
        },
      ],
    };
    expect(
      route(
        facts({ category: "GAGAL_UNGGAH_PENAWARAN", bidDeadline: deadlineIn(20 * HOUR) }),
        config,
        NOW,
      ),
    ).toMatchObject({ priority: "MENDESAK" });
  });

  it("follows configured windows", () => {
    const parsed = parseRoutingConfig({
      ...DEFAULT_ROUTING_CONFIG,
      deadlineUrgency: {
        categories: ["GAGAL_UNGGAH_PENAWARAN", "KENDALA_OTP"],
        tiers: [
          { withinMinutes: 60, priority: "MENDESAK" },
          { withinMinutes: 6 * 60, priority: "TINGGI" },
        ],
      },
    });
    if (!parsed.ok) throw new Error(parsed.error.messageEn);
    const at = (category: string, ms: number) =>
      route(facts({ category, bidDeadline: deadlineIn(ms) }), parsed.value, NOW).priority;
    expect(at("GAGAL_UNGGAH_PENAWARAN", 2 * HOUR)).toBe("TINGGI");
    expect(at("GAGAL_UNGGAH_PENAWARAN", 7 * HOUR)).toBe("NORMAL");
    expect(at("KENDALA_OTP", 30 * MINUTE)).toBe("MENDESAK");
  });
});

describe("configuration validation", () => {
  const valid = DEFAULT_ROUTING_CONFIG;
  const rule = valid.rules[0];

  it("accepts the default configuration", () => {
    expect(parseRoutingConfig(JSON.parse(JSON.stringify(valid)))).toEqual({
      ok: true,
      value: valid,
    });
  });

  it.each([
    ["a rule to LKPP", { ...valid, rules: [{ ...rule, team: "LKPP" }] }, "rules.0.team"],
    ["an unknown team", { ...valid, rules: [{ ...rule, team: "KEUANGAN" }] }, "rules.0.team"],
    [
      "an unknown priority",
      { ...valid, rules: [{ ...rule, priority: "KRITIS" }] },
      "rules.0.priority",
    ],
    [
      "an unknown user role",
      { ...valid, rules: [{ ...rule, when: { userRoles: ["bendahara"] } }] },
      "rules.0.when.userRoles.0",
    ],
    [
      "a malformed category",
      { ...valid, rules: [{ ...rule, when: { categories: ["Lupa Password"] } }] },
      "rules.0.when.categories.0",
    ],
    [
      "an empty category list",
      { ...valid, rules: [{ ...rule, when: { categories: [] } }] },
      "rules.0.when.categories",
    ],
    [
      "a typo in a condition",
      { ...valid, rules: [{ ...rule, when: { category: ["LUPA_PASSWORD"] } }] },
      "rules.0.when",
    ],
    ["a duplicate rule id", { ...valid, rules: [rule, rule] }, "rules.1.id"],
    [
      "a missing fallback",
      { rules: valid.rules, deadlineUrgency: valid.deadlineUrgency },
      "fallback",
    ],
    [
      "a zero tier window",
      {
        ...valid,
        deadlineUrgency: { categories: [], tiers: [{ withinMinutes: 0, priority: "TINGGI" }] },
      },
      "deadlineUrgency.tiers.0.withinMinutes",
    ],
    [
      "two tiers with one window",
      {
        ...valid,
        deadlineUrgency: {
          categories: [],
          tiers: [
            { withinMinutes: 60, priority: "TINGGI" },
            { withinMinutes: 60, priority: "MENDESAK" },
          ],
        },
      },
      "deadlineUrgency.tiers",
    ],
  ])("rejects %s", (_label, input, path) => {
    const result = parseRoutingConfig(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("INVALID_ROUTING_CONFIG");
      expect(result.error.issues.some((issue) => issue.startsWith(`${path}:`))).toBe(true);
      expect(result.error.message).toContain("Konfigurasi routing tidak valid");
    }
  });

  it("rejects something that is not a configuration at all", () => {
    expect(parseRoutingConfig("rules")).toMatchObject({
      ok: false,
      error: { code: "INVALID_ROUTING_CONFIG" },
    });
  });
});
