import { err, ok, type Result } from "../../shared/result.ts";
import { tidyText } from "../../shared/text.normalizer.ts";

export type NameError = "tooShort" | "tooLong" | "invalidCharacters";

const MAX_NAME_LENGTH = 100;
const MIN_LETTERS = 2;
/** Letters of any script plus the punctuation of titles and names: "Ir. H. Budi, S.T.", "Ni Luh", "O'Neil". */
const NAME_CHARACTERS = /^[\p{L}\p{M} .,'’-]+$/u;

export function validateName(input: string): Result<string, NameError> {
  const name = tidyText(input);
  if (name.length > MAX_NAME_LENGTH) return err("tooLong");
  if (!NAME_CHARACTERS.test(name)) return err(name === "" ? "tooShort" : "invalidCharacters");
  const letters = name.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return err("tooShort");
  return ok(name);
}
