// Date formats shared by pages. Intl refuses dateStyle together with timeZoneName, so
// deadlines spell out their fields to show the zone ("31 January 2027, 23:59 CET").
export const DEADLINE_FORMAT = {
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
} as const;

export const DEADLINE_FORMAT_LONG = { ...DEADLINE_FORMAT, weekday: "long" } as const;
