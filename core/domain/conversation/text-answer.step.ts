import {
  BID_DEADLINE_ERRORS,
  DESCRIPTION_ERRORS,
  EMAIL_ERRORS,
  type Localized,
  NAME_ERRORS,
  NIK_ERRORS,
  ORGANISATION_ERRORS,
  PHONE_ERRORS,
  ROLES,
  TENDER_CODE_ERRORS,
} from "../../content/index.ts";
import { assertNever } from "../shared/assert-never.ts";
import { validateEmail } from "../shared/email.validator.ts";
import { type NikError, validateNik } from "../shared/nik.validator.ts";
import { normalizeIndonesianMobile, type PhoneError } from "../shared/phone.normalizer.ts";
import { wibYear } from "../shared/wib-time.ts";
import type { UserEvent } from "./conversation-event.schema.ts";
import type { Draft } from "./conversation-state.schema.ts";
import type { Ctx } from "./decision.ts";
import { accepted, expectText, rejected, type StepOutcome } from "./step-outcome.ts";
import { parseBidDeadline } from "./validators/bid-deadline.parser.ts";
import { DESCRIPTION_MAX_CHARS, validateDescription } from "./validators/description.validator.ts";
import { validateName } from "./validators/name.validator.ts";
import { validateOrganisation } from "./validators/organisation.validator.ts";
import { validateTenderCode } from "./validators/tender-code.validator.ts";

/** Answers typed as text: validated, tidied, stored; refused with a correction and an example. */

function nikError(error: NikError): Localized {
  switch (error.code) {
    case "notDigits":
      return NIK_ERRORS.notDigits;
    case "length":
      return NIK_ERRORS.length(error.digits);
    case "province":
      return NIK_ERRORS.province(error.province);
    case "region":
      return NIK_ERRORS.region;
    case "birthDate":
      return NIK_ERRORS.birthDate;
    case "serial":
      return NIK_ERRORS.serial;
    default:
      return assertNever(error, "NIK error");
  }
}

function phoneError(error: PhoneError): Localized {
  switch (error.code) {
    case "format":
      return PHONE_ERRORS.format;
    case "foreign":
      return PHONE_ERRORS.foreign;
    case "notMobile":
      return PHONE_ERRORS.notMobile;
    case "length":
      return PHONE_ERRORS.length;
    default:
      return assertNever(error, "phone error");
  }
}

export function answerText(step: TextStep, draft: Draft, text: string, ctx: Ctx): StepOutcome {
  switch (step) {
    case "name": {
      const result = validateName(text);
      return result.ok
        ? accepted({ ...draft, name: result.value })
        : rejected(NAME_ERRORS[result.error]);
    }
    case "nik": {
      const result = validateNik(text);
      return result.ok
        ? accepted({ ...draft, nik: result.value.nik })
        : rejected(nikError(result.error));
    }
    case "organisation": {
      const kind = ROLES.find((role) => role.id === draft.role)?.organisation ?? "either";
      const result = validateOrganisation(text);
      return result.ok
        ? accepted({ ...draft, organisation: result.value })
        : rejected(ORGANISATION_ERRORS[result.error](kind));
    }
    case "email": {
      const result = validateEmail(text);
      if (result.ok) return accepted({ ...draft, email: result.value });
      return rejected(
        result.error.code === "typo"
          ? EMAIL_ERRORS.typo(result.error.suggestion)
          : EMAIL_ERRORS.format,
      );
    }
    case "phone": {
      const result = normalizeIndonesianMobile(text);
      return result.ok
        ? accepted({ ...draft, phone: result.value })
        : rejected(phoneError(result.error));
    }
    case "tenderCode": {
      const result = validateTenderCode(text);
      return result.ok
        ? accepted({ ...draft, tenderCode: result.value })
        : rejected(TENDER_CODE_ERRORS.format);
    }
    case "bidDeadline": {
      const result = parseBidDeadline(text, ctx.at);
      return result.ok
        ? accepted({ ...draft, bidDeadline: result.value })
        : rejected(BID_DEADLINE_ERRORS[result.error](wibYear(ctx.at)));
    }
    case "description": {
      const result = validateDescription(text, ctx.settings.descriptionMinChars);
      if (result.ok) return accepted({ ...draft, description: result.value });
      return rejected(
        result.error.code === "tooShort"
          ? DESCRIPTION_ERRORS.tooShort(result.error.length, ctx.settings.descriptionMinChars)
          : DESCRIPTION_ERRORS.tooLong(DESCRIPTION_MAX_CHARS),
      );
    }
    default:
      return assertNever(step, "text step");
  }
}

export type TextStep =
  | "name"
  | "nik"
  | "organisation"
  | "email"
  | "phone"
  | "tenderCode"
  | "bidDeadline"
  | "description";

export function answerPhone(draft: Draft, event: UserEvent, ctx: Ctx): StepOutcome {
  if (event.type === "contact") {
    const result = normalizeIndonesianMobile(event.phone);
    return result.ok
      ? accepted({ ...draft, phone: result.value })
      : rejected(PHONE_ERRORS.sharedContact);
  }
  const input = expectText(event, ctx);
  return input.type === "text" ? answerText("phone", draft, input.text, ctx) : input;
}
