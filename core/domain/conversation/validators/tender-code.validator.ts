import { err, ok, type Result } from "../../shared/result.ts";

/** SPSE tender and package codes are numeric; their length varies by SPSE version. */
const TENDER_CODE = /^\d{5,20}$/u;
const LEADING_LABEL = /^\s*(?:kode\s*(?:tender|paket)?|tender|paket|code)\s*[:#]?\s*/iu;

export function validateTenderCode(input: string): Result<string, "format"> {
  const code = input.replace(LEADING_LABEL, "").replace(/[\s.-]/gu, "");
  return TENDER_CODE.test(code) ? ok(code) : err("format");
}
