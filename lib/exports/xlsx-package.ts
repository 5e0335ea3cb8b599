// A one-sheet XLSX workbook around sheet rows written by someone else (PostgreSQL): the
// package parts are fixed text, the sheet is streamed into a ZIP entry by yazl (deflated by
// zlib off the main thread), so memory stays flat whatever the number of rows.
import "server-only";
import { PassThrough, type Readable } from "node:stream";
import yazl from "yazl";
import { isFigure } from "./csv-cell";
import { readerReady } from "./writers";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// XML 1.0 forbids most control characters even escaped: drop them (as lib/exports/iati.ts does).
const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

/** Text for an element or attribute; line breaks as references, so a sheet row stays on one line. */
export const xmlText = (s: string) =>
  s.replace(FORBIDDEN, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");

/** A (0-based) column's letters: 0 → A, 26 → AA. */
export function columnName(i: number): string {
  let n = i + 1;
  let name = "";
  while (n > 0) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** One sheet row from JavaScript (header, totals): our figures as numbers, the rest as text, never formulas. */
export function sheetRow(r: number, cells: string[]): string {
  const xml = cells.map((v, i) => {
    if (v === "") return "";
    const ref = `${columnName(i)}${r}`;
    return isFigure(v) ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
  });
  return `<row r="${r}">${xml.join("")}</row>`;
}

const parts = (sheetName: string): Array<[string, string]> => [
  [
    "[Content_Types].xml",
    `<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  ],
  ["_rels/.rels", `<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  [
    "xl/workbook.xml",
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    "xl/styles.xml",
    `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  ],
];

/**
 * The workbook as a byte stream. `fill` writes the sheet's rows (between <sheetData> and
 * </sheetData>) through `write`, which waits while the reader is behind and throws once the
 * reader has gone away.
 */
export function xlsxPackage(sheetName: string, widths: number[], fill: (write: (chunk: Buffer | string) => Promise<void>) => Promise<void>): Readable {
  const zip = new yazl.ZipFile();
  for (const [name, xml] of parts(sheetName)) zip.addBuffer(Buffer.from(HEAD + xml, "utf8"), name);
  const sheet = new PassThrough();
  // Level 1: the sheet is repetitive XML, so the file is still small, and deflate keeps up with COPY.
  zip.addReadStream(sheet, "xl/worksheets/sheet1.xml", { compressionLevel: 1 });
  zip.end();
  const out = zip.outputStream as PassThrough;
  out.once("close", () => sheet.destroy());
  const write = async (chunk: Buffer | string) => {
    if (sheet.destroyed || (!sheet.write(chunk) && !(await readerReady(sheet)))) throw new Error("the reader has gone away");
  };
  (async () => {
    try {
      const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
      await write(`${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><cols>${cols}</cols><sheetData>`);
      await fill(write);
      await write("</sheetData></worksheet>");
      sheet.end();
    } catch (e) {
      out.destroy(e as Error);
      sheet.destroy();
    }
  })();
  return out;
}
