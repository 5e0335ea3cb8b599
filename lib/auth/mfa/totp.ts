// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) via otpauth. A code is accepted one step either
// side of now, and only once: the step it matched is remembered.
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string) {
  return new TOTP({ issuer: "Most", label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The time step a code belongs to, or null when it is wrong or already used. */
export function matchTotp(secretBase32: string, code: string, lastStep: bigint, now = Date.now()): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, "x").validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = BigInt(Math.floor(now / 1000 / TOTP_PERIOD) + delta);
  return step > lastStep ? step : null;
}

export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32, "x").generate({ timestamp: now });
}
