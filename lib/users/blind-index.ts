// Keyed blind index of an e-mail address: sign-in, sign-up, resets, duplicate checks and
// invitations find a person by HMAC-SHA256(MOST_BLIND_INDEX_KEY, normalised address), so
// the database holds no address in clear and a dump cannot be searched by a guessed one
// without the key (which lives only in the environment, like the master keys).
import "server-only";
import { createHmac } from "node:crypto";
import { env } from "../env";

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function emailIndex(email: string): string {
  return createHmac("sha256", Buffer.from(env().MOST_BLIND_INDEX_KEY, "utf8")).update(`email:${normaliseEmail(email)}`).digest("hex");
}
