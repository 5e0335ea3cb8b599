// Regions shown instead of a country when an organisation asks for it (exports, reports).
const REGIONS: Record<string, string[]> = {
  EASTERN_EUROPE: ["RU", "BY", "UA", "MD"],
  SOUTH_CAUCASUS: ["GE", "AM", "AZ"],
  CENTRAL_ASIA: ["KZ", "KG", "UZ", "TJ", "TM", "MN"],
  BALTIC_NORDIC: ["EE", "LV", "LT", "FI", "SE", "NO", "DK", "IS"],
  CENTRAL_EUROPE: ["CZ", "SK", "PL", "HU", "DE", "AT", "CH", "SI", "LI"],
  WESTERN_EUROPE: ["FR", "BE", "NL", "LU", "GB", "IE", "MC"],
  SOUTHERN_EUROPE: ["IT", "ES", "PT", "GR", "CY", "MT", "HR", "RS", "ME", "BA", "MK", "AL", "BG", "RO", "XK"],
  MIDDLE_EAST: ["TR", "IL", "AE", "QA", "JO", "LB"],
  AMERICAS: ["US", "CA", "MX", "AR", "BR", "CL", "UY"],
};

export type Region = keyof typeof REGIONS | "OTHER";

export function regionOf(country: string): Region {
  for (const [region, countries] of Object.entries(REGIONS)) if (countries.includes(country)) return region as Region;
  return "OTHER";
}

/** IATI recipient-region codes (OECD DAC regional vocabulary) for our regions. */
export const IATI_REGION: Record<Region, string> = {
  EASTERN_EUROPE: "89",
  SOUTH_CAUCASUS: "619",
  CENTRAL_ASIA: "619",
  BALTIC_NORDIC: "89",
  CENTRAL_EUROPE: "89",
  WESTERN_EUROPE: "89",
  SOUTHERN_EUROPE: "89",
  MIDDLE_EAST: "589",
  AMERICAS: "498", // "America, regional": the region spans North and South America (489 is South America only)
  OTHER: "998",
};
