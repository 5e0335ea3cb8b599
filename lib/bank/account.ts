// Payee accounts: SEPA (IBAN, optional BIC, holder) or other (account number, bank, SWIFT/BIC,
// bank country, holder, currency). IBAN and BIC rules come from ibantools (country formats,
// lengths, checksums, national check digits); we only map its answers to field codes.
// Input is normalised for whitespace and case only; anything else wrong is refused.
import { electronicFormatIBAN, isSEPACountry, validateBIC, validateIBAN, ValidationErrorsIBAN, getCountrySpecifications } from "ibantools";
import { z } from "zod";
import { COUNTRY_CODES } from "@/lib/countries";
import { isCurrencyCode } from "./amount";
import { bankFieldKey, type BankFieldCode } from "./codes";
import { isPrintable } from "./text";

/** SEPA rulebook: the beneficiary's name is at most 70 characters. */
export const HOLDER_NAME_MAX = 70;
export const BANK_NAME_MAX = 140;
/** ISO 20022 Othr/Id of an account (Max34Text). */
export const ACCOUNT_NUMBER_MAX = 34;

const IBAN_SPECS = getCountrySpecifications();
const COUNTRIES = new Set(COUNTRY_CODES);

/** True for a country (ISO alpha-2) in the SEPA scheme (EU, EEA, CH, GB, MC, SM, VA, AD…). */
export function isSepaCountry(country: string): boolean {
  return isSEPACountry(country.toUpperCase());
}

/** Spaces out, upper case: "de89 3704 0044 0532 0130 00" → "DE89370400440532013000". */
export const compactCode = (s: string) => s.replace(/\s+/g, "").toUpperCase();
/** Trimmed, inner runs of whitespace as one space. */
export const collapseSpaces = (s: string) => s.trim().replace(/\s+/g, " ");

/** The first problem with an IBAN in electronic form, or null. */
export function ibanProblem(iban: string): BankFieldCode | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return "ibanFormat";
  const spec = IBAN_SPECS[iban.slice(0, 2)];
  if (!spec?.chars) return "ibanCountry";
  if (iban.length !== spec.chars) return "ibanLength";
  const { errorCodes } = validateIBAN(iban, { allowQRIBAN: true });
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) return "ibanCountry";
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) return "ibanLength";
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) return "ibanFormat";
  if (errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber) || errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) return "ibanChecksum";
  if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) return "ibanBankChecksum";
  return errorCodes.length ? "ibanFormat" : null;
}

/** BIC of 8 or 11 characters with a known country (ibantools), upper case. */
export function isValidBic(bic: string): boolean {
  return (bic.length === 8 || bic.length === 11) && /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]+$/.test(bic) && validateBIC(bic).valid;
}

const holderName = z
  .string("errors.field.required")
  .transform(collapseSpaces)
  .pipe(
    z
      .string()
      .min(1, { error: "errors.field.required", abort: true })
      .max(HOLDER_NAME_MAX, "errors.field.tooLong")
      .refine((s) => isPrintable(s) && /\p{L}/u.test(s), bankFieldKey("holderName")),
  );

const requiredBic = z
  .string("errors.field.required")
  .transform(compactCode)
  .pipe(z.string().min(1, { error: "errors.field.required", abort: true }).refine(isValidBic, bankFieldKey("bicFormat")));
const optionalBic = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), requiredBic.optional());

const sepaIban = z
  .string("errors.field.required")
  .transform(compactCode)
  .pipe(z.string().min(1, { error: "errors.field.required", abort: true }))
  .superRefine((iban, ctx) => {
    const problem = ibanProblem(iban) ?? (isSepaCountry(iban.slice(0, 2)) ? null : "notSepaCountry");
    if (problem) ctx.addIssue({ code: "custom", message: bankFieldKey(problem) });
  });

export const ZSepaAccount = z.object({
  kind: z.literal("sepa"),
  iban: sepaIban,
  bic: optionalBic,
  holderName,
});

// Account numbers outside IBAN countries: letters, digits and the separators banks print.
const ACCOUNT_NUMBER = /^[A-Z0-9][A-Z0-9\-/.]*$/;

/** The first problem with an account number (compact, upper case), or null. */
export function accountNumberProblem(n: string): BankFieldCode | "tooLong" | null {
  if (n.length > ACCOUNT_NUMBER_MAX) return "tooLong";
  if (!ACCOUNT_NUMBER.test(n)) return "accountNumber";
  // An account number shaped like an IBAN of an IBAN country must be a correct IBAN: a typo
  // in it would otherwise go unseen until the bank returns the money weeks later.
  if (/^[A-Z]{2}\d{2}/.test(n) && IBAN_SPECS[n.slice(0, 2)]?.chars) return ibanProblem(n);
  return null;
}

export const ZOtherAccount = z
  .object({
    kind: z.literal("other"),
    accountNumber: z
      .string("errors.field.required")
      .transform(compactCode)
      .pipe(
        z
          .string()
          .min(1, { error: "errors.field.required", abort: true })
          .superRefine((n, ctx) => {
            const problem = accountNumberProblem(n);
            if (problem) ctx.addIssue({ code: "custom", message: problem === "tooLong" ? "errors.field.tooLong" : bankFieldKey(problem) });
          }),
      ),
    bankName: z
      .string("errors.field.required")
      .transform(collapseSpaces)
      .pipe(z.string().min(1, { error: "errors.field.required", abort: true }).max(BANK_NAME_MAX, "errors.field.tooLong").refine(isPrintable, bankFieldKey("bankName"))),
    bic: requiredBic,
    bankCountry: z
      .string("errors.field.required")
      .transform(compactCode)
      .pipe(z.string().refine((c) => COUNTRIES.has(c), bankFieldKey("bankCountry"))),
    holderName,
    currency: z
      .string("errors.field.required")
      .transform(compactCode)
      .pipe(z.string().refine(isCurrencyCode, bankFieldKey("currency"))),
  });

export const ZPayeeAccount = z.discriminatedUnion("kind", [ZSepaAccount, ZOtherAccount], "errors.field.required");
export type TSepaAccount = z.output<typeof ZSepaAccount>;
export type TOtherAccount = z.output<typeof ZOtherAccount>;
export type TPayeeAccount = z.output<typeof ZPayeeAccount>;
/** What a form sends (before normalisation). */
export type TPayeeAccountInput =
  | { kind: "sepa"; iban: string; bic?: string; holderName: string }
  | { kind: "other"; accountNumber: string; bankName: string; bic: string; bankCountry: string; holderName: string; currency: string };

/**
 * Whitespace and case only (electronic IBAN, upper-case BIC, codes; names with single spaces),
 * for comparing what was typed with what is stored. Validation is ZPayeeAccount's job.
 */
export function normaliseAccount(a: TPayeeAccountInput): TPayeeAccountInput {
  const code = (s: string | undefined) => (s === undefined ? undefined : compactCode(s) || undefined);
  if (a.kind === "sepa") {
    return { ...a, iban: electronicFormatIBAN(a.iban) ?? compactCode(a.iban), bic: code(a.bic), holderName: collapseSpaces(a.holderName) };
  }
  return {
    ...a,
    accountNumber: compactCode(a.accountNumber),
    bankName: collapseSpaces(a.bankName),
    bic: compactCode(a.bic),
    bankCountry: compactCode(a.bankCountry),
    holderName: collapseSpaces(a.holderName),
    currency: compactCode(a.currency),
  };
}

/** What everyone but entitled staff sees: country and last four characters ("DE •••• 3000"). */
export function maskAccount(a: Pick<TSepaAccount, "kind" | "iban"> | Pick<TOtherAccount, "kind" | "accountNumber" | "bankCountry">): string {
  const number = a.kind === "sepa" ? compactCode(a.iban) : compactCode(a.accountNumber);
  const country = a.kind === "sepa" ? number.slice(0, 2) : compactCode(a.bankCountry);
  // Four characters of a short number would be most of it: show fewer then.
  const shown = Math.min(4, Math.max(0, number.length - 4));
  const tail = shown > 0 ? number.slice(-shown) : "";
  return `${country} •••• ${tail}`;
}
