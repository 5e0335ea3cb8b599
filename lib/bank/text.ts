// Text rules for payment files. The ISO 20022 schemas allow any Unicode up to a length
// (counted in code points); the SEPA rulebook narrows that to the EPC basic Latin set, and
// its identifiers must not start or end with "/" nor contain "//". Too long or outside the
// set is refused, never cut or transliterated: the bank would pay a different name.
import type { PaymentFileCode } from "./codes";

export type TTextCharset = "basic" | "unicode";

// EPC basic Latin set (also SWIFT's x set, less CR/LF): a–z A–Z 0–9 / - ? : ( ) . , ' + and space.
const BASIC_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]*$/;
// Characters XML 1.0 cannot carry, or that a bank would show as garbage: C0/C1 controls
// (tab and newline included: one-line fields), lone surrogates, U+FFFE/U+FFFF.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const codePoints = (s: string) => [...s].length;

/** True when the text has no control characters or unpaired surrogates (safe in XML and CSV). */
export function isPrintable(s: string): boolean {
  return !UNSAFE.test(s);
}

/** The first problem with a free-text value (a name, remittance information), or null. */
export function checkText(value: string | undefined, max: number, charset: TTextCharset): PaymentFileCode | null {
  if (value === undefined || value.trim() === "") return "required";
  if (value !== value.trim()) return "charset";
  if (!isPrintable(value)) return "charset";
  if (charset === "basic" && !BASIC_TEXT.test(value)) return "charset";
  if (codePoints(value) > max) return "tooLong";
  return null;
}

/** An identifier (message, payment information, end-to-end id): Max35Text, SEPA-safe in both charsets. */
export function checkIdentifier(value: string | undefined, max = 35): PaymentFileCode | null {
  if (value === undefined || value === "") return "required";
  if (value.length > max) return "tooLong";
  if (!/^[A-Za-z0-9/\-?:().,'+]+$/.test(value)) return "identifier";
  if (value.startsWith("/") || value.endsWith("/") || value.includes("//")) return "identifier";
  return null;
}
