// The text a reader of a PDF sees, extracted by PDF.js (the content streams are compressed
// and the font is subset, so searching the file's bytes proves nothing).
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export type PdfText = {
  /** Each piece of text as drawn (a wrapped cell gives one piece per line). */
  items: string[];
  /** Everything in drawing order without any white space: a wrapped value reads whole (see squeeze). */
  joined: string;
  pages: number;
};

export async function pdfText(bytes: Buffer): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const items: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) if ("str" in item && item.str.trim() !== "") items.push(item.str.trim());
  }
  await doc.destroy();
  return { items, joined: squeeze(items.join("")), pages: doc.numPages };
}

/** A value as it appears in `joined`: white space (where a cell may wrap) removed. */
export const squeeze = (text: string) => text.replace(/\s+/g, "");
