import { type Localized, perLanguage } from "../language.ts";
import { OFFICE, PROCEDURE, REQUIREMENTS, SERVICE } from "../service-standard.content.ts";
import { APPLY_CHOICE } from "./common.messages.ts";

/** The service standard as one chat message; e-mail and hours are settings, not part of it. */
export function serviceInfo(officeEmail: string, openingHours: Localized): Localized {
  return perLanguage((language) => {
    const requirements = REQUIREMENTS.map(
      (requirement, index) => `${index + 1}. ${requirement.label[language]}`,
    ).join("\n");
    const procedure = PROCEDURE.map(
      (step) => `${step.id}. ${step.description[language]} (${step.time[language]})`,
    ).join("\n");
    if (language === "id") {
      return [
        `${SERVICE.name.id}\n${OFFICE.unit} (SK No. ${SERVICE.decreeNumber})`,
        `Persyaratan:\n${requirements}`,
        `Prosedur dan waktu layanan:\n${procedure}`,
        `Biaya: ${SERVICE.cost.id}\nProduk: ${SERVICE.product.id}`,
        [
          `Alamat: ${OFFICE.name.id}, ${OFFICE.address}`,
          `Helpdesk: ${OFFICE.phone}`,
          `E-mail: ${officeEmail}`,
          `Website: ${OFFICE.website}`,
          `Jam layanan: ${openingHours.id}`,
        ].join("\n"),
        `Melalui bot ini, permohonan dapat diajukan langsung dengan memilih ${APPLY_CHOICE.id}.`,
      ].join("\n\n");
    }
    return [
      `${SERVICE.name.en}\n${OFFICE.unit} (decree No. ${SERVICE.decreeNumber})`,
      `Requirements:\n${requirements}`,
      `Procedure and service time:\n${procedure}`,
      `Cost: ${SERVICE.cost.en}\nProduct: ${SERVICE.product.en}`,
      [
        `Address: ${OFFICE.name.en}, ${OFFICE.address}`,
        `Helpdesk: ${OFFICE.phone}`,
        `E-mail: ${officeEmail}`,
        `Website: ${OFFICE.website}`,
        `Service hours: ${openingHours.en}`,
      ].join("\n"),
      `With this bot you can submit a request directly by choosing ${APPLY_CHOICE.en}.`,
    ].join("\n\n");
  });
}
