// The survey's definition and the IKM computation of PermenPANRB 14/2017.
import { describe, expect, it } from "vitest";
import { computeIkm, IKM_WEIGHT, ikmGrade } from "../../core/domain/survey/ikm.ts";
import { isCompleteAnswers, SURVEY_ELEMENTS } from "../../core/domain/survey/survey.definition.ts";

describe("the survey definition", () => {
  it("has the regulation's nine elements in order, each with four answers worst first", () => {
    expect(SURVEY_ELEMENTS.map((e) => e.code)).toEqual([
      "U1",
      "U2",
      "U3",
      "U4",
      "U5",
      "U6",
      "U7",
      "U8",
      "U9",
    ]);
    expect(SURVEY_ELEMENTS.map((e) => e.name.id)).toEqual([
      "Persyaratan",
      "Sistem, mekanisme, dan prosedur",
      "Waktu penyelesaian",
      "Biaya/tarif",
      "Produk spesifikasi jenis pelayanan",
      "Kompetensi pelaksana",
      "Perilaku pelaksana",
      "Penanganan pengaduan, saran dan masukan",
      "Sarana dan prasarana",
    ]);
    expect(SURVEY_ELEMENTS[0]?.answers.map((a) => a.id)).toEqual([
      "Tidak sesuai",
      "Kurang sesuai",
      "Sesuai",
      "Sangat sesuai",
    ]);
    expect(SURVEY_ELEMENTS[3]?.answers.map((a) => a.id)).toEqual([
      "Sangat mahal",
      "Cukup mahal",
      "Murah",
      "Gratis",
    ]);
    for (const element of SURVEY_ELEMENTS) {
      expect(element.answers).toHaveLength(4);
      expect(element.question.id).toContain("Bapak/Ibu");
      expect(element.question.en.length).toBeGreaterThan(10);
      for (const answer of element.answers) expect(answer.en.length).toBeGreaterThan(0);
    }
    expect(isCompleteAnswers([4, 3, 3, 4, 3, 4, 4, 3, 3])).toBe(true);
    expect(isCompleteAnswers([4, 3, 3, 4, 3, 4, 4, 3])).toBe(false);
    expect(isCompleteAnswers([4, 3, 3, 4, 3, 4, 4, 3, 5])).toBe(false);
  });
});

describe("IKM (PermenPANRB 14/2017)", () => {
  it("matches a hand computation of four respondents", () => {
    // Values per respondent, U1..U9:
    //   R1: 4 3 3 4 3 4 4 3 3
    //   R2: 3 3 2 4 3 3 4 3 3
    //   R3: 4 4 3 4 4 4 4 4 3
    //   R4: 3 3 3 4 3 3 3 3 3
    // Totals per element: 14 13 11 16 13 14 15 13 12
    // NRR = total / 4:    3.50 3.25 2.75 4.00 3.25 3.50 3.75 3.25 3.00
    // Σ NRR = 30.25; NRR tertimbang = NRR × 1/9, so IKM unit = 30.25 / 9 = 3.36111…
    // Converted: 3.36111… × 25 = 84.0277… → 84.03, in 76.61–88.30: B (Baik).
    // (With the printed weight 0,111: 30.25 × 0.111 × 25 = 83.94, also B.)
    const result = computeIkm([
      [4, 3, 3, 4, 3, 4, 4, 3, 3],
      [3, 3, 2, 4, 3, 3, 4, 3, 3],
      [4, 4, 3, 4, 4, 4, 4, 4, 3],
      [3, 3, 3, 4, 3, 3, 3, 3, 3],
    ]);
    expect(result.respondents).toBe(4);
    expect(result.elements.map((e) => e.total)).toEqual([14, 13, 11, 16, 13, 14, 15, 13, 12]);
    expect(result.elements.map((e) => e.nrr)).toEqual([
      3.5, 3.25, 2.75, 4, 3.25, 3.5, 3.75, 3.25, 3,
    ]);
    expect(result.elements[0]?.weighted).toBeCloseTo(3.5 / 9, 10);
    expect(result.elements[0]?.converted).toBe(87.5);
    expect(result.elements[2]?.grade?.letter).toBe("C"); // 2.75 × 25 = 68.75
    expect(result.unitIndex).toBeCloseTo(30.25 / 9, 10);
    expect(result.ikm).toBe(84.03);
    expect(result.grade).toEqual({ letter: "B", label: { id: "Baik", en: "Good" } });
    expect(IKM_WEIGHT).toBeCloseTo(0.111, 3);
  });

  it("gives 100.00 (A) for all fours and 25.00 (D) for all ones", () => {
    expect(computeIkm([Array(9).fill(4)])).toMatchObject({ ikm: 100, grade: { letter: "A" } });
    expect(computeIkm([Array(9).fill(1)])).toMatchObject({ ikm: 25, grade: { letter: "D" } });
  });

  it("grades on the regulation's intervals (converted 25–100, and the 1–4 interval × 25)", () => {
    const letter = (value: number) => ikmGrade(value).letter;
    expect([100, 88.31, 3.5324 * 25].map(letter)).toEqual(["A", "A", "A"]);
    expect([88.3, 76.61, 3.0644 * 25, 3.532 * 25].map(letter)).toEqual(["B", "B", "B", "B"]);
    expect([76.6, 65, 2.6 * 25, 3.064 * 25].map(letter)).toEqual(["C", "C", "C", "C"]);
    expect([64.99, 25, 2.5996 * 25].map(letter)).toEqual(["D", "D", "D"]);
    // Reported to two decimals, so nothing falls between the printed intervals.
    expect(letter(88.305)).toBe("A");
    expect(letter(88.304)).toBe("B");
    expect(ikmGrade(70).label.id).toBe("Kurang Baik");
    expect(ikmGrade(50).label.id).toBe("Tidak Baik");
  });

  it("averages each element over those who answered it; no index without answers", () => {
    // U1: (4 + 2) / 2 = 3; U2: the 0 is no answer, so 4 / 1 = 4.
    const partial = computeIkm([
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
      [2, 0, 4, 4, 4, 4, 4, 4, 4],
    ]);
    expect(partial.elements[0]).toMatchObject({ total: 6, count: 2, nrr: 3 });
    expect(partial.elements[1]).toMatchObject({ total: 4, count: 1, nrr: 4 });
    expect(partial.respondents).toBe(2);

    const none = computeIkm([]);
    expect(none).toMatchObject({ respondents: 0, unitIndex: null, ikm: null, grade: null });
    expect(none.elements.every((e) => e.nrr === null)).toBe(true);
  });
});
