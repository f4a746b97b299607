// Letterhead and signer of the generated PDFs (core/documents).
import { z } from "zod";
import { defineArea, setting } from "./setting.ts";

export const documentsArea = defineArea("Documents and letters", {
  OFFICE_NAME: setting(z.string().min(3).default("LPSE Kabupaten Landak"), {
    example: "LPSE Kabupaten Landak",
    description: "Letterhead of the generated PDFs.",
  }),
  OFFICE_ADDRESS: setting(
    z.string().min(3).default("Jl. Pangeran Cinata, Ngabang, Kabupaten Landak, Kalimantan Barat"),
    {
      example: "Jl. Pangeran Cinata, Ngabang, Kabupaten Landak, Kalimantan Barat",
      description: "Address line of the letterhead.",
    },
  ),
  LETTER_NUMBER_FORMAT: setting(
    z
      .string()
      .refine((v) => v.includes("{seq}"), "harus memuat {seq} / must contain {seq}")
      .default("{seq}/SKG/LPSE-LDK/{year}"),
    {
      example: "{seq}/SKG/LPSE-LDK/{year}",
      description:
        "Number of a disruption letter; `{seq}` is the year's running number (never reused), `{year}` the year.",
    },
  ),
  LETTER_SIGNER_NAME: setting(z.string().min(3).default("Kepala LPSE Kabupaten Landak"), {
    example: "Nama Kepala LPSE",
    description: "Signer of the disruption letter.",
  }),
  LETTER_SIGNER_POSITION: setting(z.string().min(3).default("Kepala LPSE Kabupaten Landak"), {
    example: "Kepala LPSE Kabupaten Landak",
    description: "Signer's position.",
  }),
  LETTER_SIGNER_NIP: setting(
    z
      .string()
      .regex(/^\d{18}$|^-$/, "18 digit NIP atau - / 18-digit NIP or -")
      .default("-"),
    {
      example: "197001012000031001",
      description: "Signer's 18-digit NIP, or `-`.",
    },
  ),
});
