/** The bot speaks Bahasa Indonesia by default and English on request. */
export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A user-facing text in every language the bot speaks. */
export type Localized = Readonly<Record<Language, string>>;

export function localized(id: string, en: string): Localized {
  return { id, en };
}

/** A Localized built from one template per language, for texts with parameters. */
export function perLanguage(render: (language: Language) => string): Localized {
  return { id: render("id"), en: render("en") };
}

/** Paragraphs of one message, each already in both languages. */
export function paragraphs(...parts: readonly Localized[]): Localized {
  return perLanguage((language) => parts.map((part) => part[language]).join("\n\n"));
}
