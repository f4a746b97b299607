// The community satisfaction index (Indeks Kepuasan Masyarakat, IKM) as
// PermenPANRB No. 14 Tahun 2017 (Pedoman Penyusunan Survei Kepuasan
// Masyarakat Unit Penyelenggara Pelayanan Publik), annex, "Pengolahan Data":
//
//   NRR per element      = total of the element's values / respondents answering it
//   weight (penimbang)   = 1 / number of elements = 1/9 (printed as 0,111)
//   NRR tertimbang       = NRR × 1/9
//   IKM unit (1-4)       = Σ NRR tertimbang
//   IKM converted        = IKM unit × 25 (the 25-100 scale)
//
// and its table "Nilai Persepsi, Interval IKM, Interval Konversi IKM, Mutu
// Pelayanan dan Kinerja Unit Pelayanan":
//
//   persepsi  interval IKM     konversi        mutu  kinerja
//   1         1,00 – 2,5996    25,00 – 64,99   D     Tidak Baik
//   2         2,60 – 3,064     65,00 – 76,60   C     Kurang Baik
//   3         3,0644 – 3,532   76,61 – 88,30   B     Baik
//   4         3,5324 – 4,00    88,31 – 100,00  A     Sangat Baik
//
// The exact weight 1/9 is used (all answers 4 give 100,00 as the table's top
// end says; 0,111 would give 99,90). The grade is read from the converted
// value rounded to two decimals, as it is reported, so no value falls into
// the gaps between the printed intervals.

import type { Localized } from "../../content/language.ts";
import { IKM_GRADE_TEXTS } from "../../content/messages/survey.messages.ts";
import { isSurveyValue, SURVEY_ELEMENTS, type SurveyElementCode } from "./survey.definition.ts";

export type IkmGradeLetter = "A" | "B" | "C" | "D";

export interface IkmGrade {
  letter: IkmGradeLetter;
  label: Localized;
}

export interface IkmElementResult {
  code: SurveyElementCode;
  name: Localized;
  /** Sum of the valid values given for this element. */
  total: number;
  /** Respondents who answered this element with a value 1-4. */
  count: number;
  /** Nilai rata-rata (1-4); null without answers. */
  nrr: number | null;
  /** NRR × 1/9; null without answers. */
  weighted: number | null;
  /** NRR × 25, the element on the 25-100 scale; null without answers. */
  converted: number | null;
  grade: IkmGrade | null;
}

export interface IkmResult {
  /** Responses that carried at least one valid value. */
  respondents: number;
  elements: IkmElementResult[];
  /** Σ NRR tertimbang on the 1-4 scale; null unless every element has answers. */
  unitIndex: number | null;
  /** unitIndex × 25, rounded to two decimals; null likewise. */
  ikm: number | null;
  grade: IkmGrade | null;
}

export const IKM_WEIGHT = 1 / SURVEY_ELEMENTS.length;
export const IKM_CONVERSION_FACTOR = 25;

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** The grade (mutu pelayanan) of a value on the 25-100 scale. */
export function ikmGrade(converted: number): IkmGrade {
  const value = round2(converted);
  const letter: IkmGradeLetter =
    value >= 88.31 ? "A" : value >= 76.61 ? "B" : value >= 65 ? "C" : "D";
  return { letter, label: IKM_GRADE_TEXTS[letter] };
}

/**
 * The IKM of a set of responses, each an array of values in U1..U9 order.
 * A value outside 1-4 (or missing) counts as not answered for its element.
 */
export function computeIkm(responses: readonly (readonly number[])[]): IkmResult {
  let respondents = 0;
  const totals = SURVEY_ELEMENTS.map(() => ({ total: 0, count: 0 }));
  for (const answers of responses) {
    let any = false;
    for (const element of SURVEY_ELEMENTS) {
      const value = answers[element.index];
      const slot = totals[element.index];
      if (!isSurveyValue(value) || !slot) continue;
      slot.total += value;
      slot.count += 1;
      any = true;
    }
    if (any) respondents += 1;
  }
  const elements: IkmElementResult[] = SURVEY_ELEMENTS.map((element) => {
    const { total, count } = totals[element.index] ?? { total: 0, count: 0 };
    const nrr = count === 0 ? null : total / count;
    return {
      code: element.code,
      name: element.name,
      total,
      count,
      nrr,
      weighted: nrr === null ? null : nrr * IKM_WEIGHT,
      converted: nrr === null ? null : round2(nrr * IKM_CONVERSION_FACTOR),
      grade: nrr === null ? null : ikmGrade(nrr * IKM_CONVERSION_FACTOR),
    };
  });
  const complete = elements.every((e) => e.weighted !== null);
  const unitIndex = complete ? elements.reduce((sum, e) => sum + (e.weighted ?? 0), 0) : null;
  return {
    respondents,
    elements,
    unitIndex,
    ikm: unitIndex === null ? null : round2(unitIndex * IKM_CONVERSION_FACTOR),
    grade: unitIndex === null ? null : ikmGrade(unitIndex * IKM_CONVERSION_FACTOR),
  };
}
