import { err, ok, type Result } from "../../shared/result.ts";

export type DescriptionError =
  | { readonly code: "tooShort"; readonly length: number }
  | { readonly code: "tooLong" };

export const DESCRIPTION_MAX_CHARS = 2000;

/** The user's own account of the problem; it becomes the "permohonan penanganan". */
export function validateDescription(
  input: string,
  minChars: number,
  maxChars = DESCRIPTION_MAX_CHARS,
): Result<string, DescriptionError> {
  const description = input.trim().replace(/\n{3,}/gu, "\n\n");
  const length = description.replace(/\s+/gu, " ").length;
  if (length < minChars) return err({ code: "tooShort", length });
  if (description.length > maxChars) return err({ code: "tooLong" });
  return ok(description);
}
