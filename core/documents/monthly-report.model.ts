// The figures of one month, as the report use case computes them and the PDF
// and CSV renderers print them. Plain data: no database types.
import type { IkmResult } from "../domain/survey/ikm.ts";

export interface CountRow {
  /** Stable key (category id, channel, status). */
  key: string;
  label: string;
  count: number;
}

export interface StageCompliance {
  stage: string;
  label: string;
  /** Stages of this kind finished in the month. */
  finished: number;
  /** Of those, finished before their due time. */
  onTime: number;
  /** onTime / finished (0-1); null when none finished. */
  rate: number | null;
}

export interface MonthlyReport {
  /** "2026-11". */
  month: string;
  /** "November 2026". */
  monthLabel: string;
  /** WIB month: [start, end). */
  start: Date;
  end: Date;
  generatedAt: Date;
  office: { name: string; address: string };
  tickets: {
    /** Tickets filed in the month. */
    total: number;
    byCategory: CountRow[];
    byChannel: CountRow[];
    byStatus: CountRow[];
  };
  compliance: {
    /** The stages with a time target (HELPDESK, TEAM). */
    stages: StageCompliance[];
    overall: StageCompliance;
  };
  handling: {
    /** Tickets resolved in the month. */
    resolved: number;
    /** Minutes from filing to resolution; null without resolved tickets. */
    medianMinutes: number | null;
    p90Minutes: number | null;
  };
  ikm: IkmResult;
  complaints: { total: number; byStatus: CountRow[] };
  /** Help articles in the chat; absent in reports built before self-service. */
  selfService?: SelfServiceFigures;
}

export interface SelfServiceFigures {
  /** Offers of one to three articles. */
  offers: number;
  opened: number;
  /** "Ya, sudah selesai": questions answered without a ticket. */
  answered: number;
  /** "Belum": the request went on. */
  notAnswered: number;
  /** answered / (answered + tickets filed); null when both are zero. */
  deflectionRate: number | null;
  /** key: article id, label: its title, count: times opened; with how often it answered. */
  mostOpened: (CountRow & { answered: number })[];
  noMatch: { searches: number; terms: CountRow[] };
}
