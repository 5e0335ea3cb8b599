// The blind index's formula alone (no environment, no server-only mark), so the browser
// tests' fixtures compute the same index from the run's secrets file.
import { createHmac } from "node:crypto";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function emailIndexWith(key: string, email: string): string {
  return createHmac("sha256", Buffer.from(key, "utf8")).update(`email:${normaliseEmail(email)}`).digest("hex");
}
