// The ISO 20022 samples and schemas in ../shared/standards/iso20022 (found from the repository
// root or a worktree one level deeper), and schema validation with xmllint-wasm.
import { readFileSync } from "node:fs";
import path from "node:path";
import { standardsFolder } from "./standards";
import { validateXML } from "xmllint-wasm";

export const ISO20022 = standardsFolder("iso20022");
export const isoSample = (folder: "camt053" | "pain001", name: string) => readFileSync(path.join(ISO20022, folder, name));

/** Validates one document against one of the official schemas in xsd/ (e.g. "pain.001.001.09.xsd"). */
export async function validateAgainst(xsd: string, xml: string) {
  return validateXML({
    xml: [{ fileName: "document.xml", contents: xml }],
    schema: [{ fileName: xsd, contents: readFileSync(path.join(ISO20022, "xsd", xsd), "utf8") }],
  });
}

/** Valid IBANs of SEPA countries (checksums and national check digits correct). */
export const SEPA_IBANS = [
  "DE89370400440532013000",
  "FR1420041010050500013M02606",
  "LT121000011101001000",
  "NL91ABNA0417164300",
  "AT611904300234573201",
  "ES9121000418450200051332",
  "BE68539007547034",
  "IT60X0542811101000000123456",
  "CH9300762011623852957",
  "GB29NWBK60161331926819",
  "PL61109010140000071219812874",
  "CZ6508000000192000145399",
] as const;
