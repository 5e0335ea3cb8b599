// Reads the development mailbox the e2e server's worker writes (.eml files).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const DIR = ".data/mailbox-e2e";

export function mailsTo(email: string): string[] {
  if (!existsSync(DIR)) return [];
  return readdirSync(DIR)
    .sort()
    .map((f) => readFileSync(path.join(DIR, f), "utf8"))
    .filter((m) => new RegExp(`^To: ${email.replace(/[.+]/g, "\\$&")}$`, "mi").test(m));
}

export { emlBody as bodyOf } from "../support-eml";
