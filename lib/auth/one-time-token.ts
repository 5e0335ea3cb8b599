// Tokens that travel in links (password reset, sign-up confirmation, invitations): random,
// shown once, and stored only as their SHA-256, so a database copy holds no usable link.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function newToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** A 32-byte link token; `message` is the catalogue key shown for a malformed one. */
export const zLinkToken = (message: string) => z.string().regex(/^[A-Za-z0-9_-]{43}$/, message);
