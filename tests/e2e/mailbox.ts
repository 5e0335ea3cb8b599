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

/** The text body of an .eml, decoded from quoted-printable or base64. */
export function bodyOf(eml: string): string {
  const [head, ...rest] = eml.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/Content-Transfer-Encoding: base64/i.test(head!)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head!)) {
    const joined = body.replace(/=\r?\n/g, "");
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  }
  return body;
}
