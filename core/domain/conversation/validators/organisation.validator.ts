import { err, ok, type Result } from "../../shared/result.ts";
import { tidyText } from "../../shared/text.normalizer.ts";

export type OrganisationError = "tooShort" | "tooLong" | "noLetters";

const MIN_LENGTH = 2;
const MAX_LENGTH = 150;

/** Company or agency names; digits are fine ("CV 88 Jaya"), a bare number is not. */
export function validateOrganisation(input: string): Result<string, OrganisationError> {
  const organisation = tidyText(input);
  if (organisation.length < MIN_LENGTH) return err("tooShort");
  if (organisation.length > MAX_LENGTH) return err("tooLong");
  if (!/\p{L}/u.test(organisation)) return err("noLetters");
  return ok(organisation);
}
