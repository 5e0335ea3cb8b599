// Identifiers compared after normalisation: spaces, dashes, dots, slashes and case do not count.

/** Types that belong to one person or one organisation: an identical value is near-decisive. */
const STRONG = new Set(["passport", "national-id", "registration", "tax", "inn", "ogrn", "swift", "imo"]);
// Types that name the same register under different labels.
const FAMILY: Record<string, string> = { inn: "tax", tax: "tax", ogrn: "registration", registration: "registration" };

export function normaliseIdentifier(value: string): string {
  return value.normalize("NFKC").toUpperCase().replace(/[\s\-‐‑–—./\\_]+/g, "");
}

export function identifierFamily(type: string): string {
  const t = type.toLowerCase();
  return FAMILY[t] ?? t;
}

export const isStrongIdentifier = (type: string) => STRONG.has(type.toLowerCase());
