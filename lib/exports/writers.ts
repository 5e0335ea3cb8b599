// Streaming writers for tabular exports: CSV, XLSX and PDF. Each consumes an async
// iterable of rows and ends with the totals, so memory stays flat whatever the size.
import "server-only";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { csvCell, isFigure } from "./csv-cell";
import PDFDocument from "pdfkit";

/**
 * `fit`: a sample of the widest value the column must show on one line in the PDF (dates,
 * amounts, codes); the column gets at least that width and the others share the rest.
 */
export type Column<R> = { key: keyof R & string; title: string; width?: number; numeric?: boolean; fit?: string };
export type TotalsLines = () => string[][];

export { csvCell };

export function csvStream<R>(rows: AsyncIterable<R>, columns: Column<R>[], totals: TotalsLines): Readable {
  async function* lines() {
    yield "\uFEFF" + stringify([columns.map((c) => c.title)]);
    let chunk: string[][] = [];
    for await (const row of rows) {
      chunk.push(columns.map((c) => csvCell(row[c.key])));
      if (chunk.length === 500) {
        yield stringify(chunk);
        chunk = [];
      }
    }
    if (chunk.length) yield stringify(chunk);
    yield stringify([[], ...totals().map((l) => l.map(csvCell))]);
  }
  return Readable.from(lines());
}

/**
 * Waits while the reader is behind (a slow download), so rows do not pile up in the
 * workbook or PDF buffers; false once the reader has gone away.
 */
export async function readerReady(out: PassThrough): Promise<boolean> {
  if (out.writableNeedDrain && !out.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done);
        out.off("close", done);
        resolve();
      };
      out.on("drain", done);
      out.on("close", done);
    });
  }
  return !out.destroyed;
}

export function xlsxStream<R>(rows: AsyncIterable<R>, columns: Column<R>[], totals: TotalsLines, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.title, key: c.key, width: c.width ?? 16 }));
  (async () => {
    try {
      let n = 0;
      for await (const row of rows) {
        // Text cells are written as text, never as formulas; numbers as numbers.
        sheet.addRow(columns.map((c) => (c.numeric ? Number(row[c.key]) : String(row[c.key] ?? "")))).commit();
        if (++n % 1000 === 0) {
          await new Promise((r) => setImmediate(r));
          if (!(await readerReady(out))) return;
        }
      }
      sheet.addRow([]).commit();
      // Totals are numbers a spreadsheet can add up; labels and row counts stay text.
      for (const line of totals()) sheet.addRow(line.map((c) => (isFigure(c) ? Number(c) : c))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

// Resolved from the project root at run time: the server bundle has no require.resolve.
const FONT = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf", "DejaVuSans.ttf");

const MARGIN = 28;
const PAD = 2.5;
const SIZE = 6.5;

/**
 * A landscape A4 table with a font that has Cyrillic and Czech letters. Nothing is ever
 * cut: a cell that does not fit wraps onto further lines of its row, figures are given
 * the width to stay on one line, the header is repeated on every page, and the totals are
 * laid out in columns measured from their own text.
 */
export function pdfStream<R>(rows: AsyncIterable<R>, columns: Column<R>[], totals: TotalsLines, title: string): Readable {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: MARGIN, info: { Title: title, Producer: "Most" } });
  doc.registerFont("body", FONT);
  doc.font("body").fontSize(SIZE);
  const out = new PassThrough();
  doc.pipe(out);
  const usable = doc.page.width - 2 * MARGIN;
  const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(w)));
  // Every column is at least as wide as the longest word of its title (and a figure column
  // as its sample); what is left is shared among the text columns by their weights.
  const least = columns.map((c) => Math.max(c.fit ? doc.widthOfString(c.fit) : 0, longestWord(c.title)) + 2 * PAD);
  const weight = columns.map((c) => (c.fit ? 0 : (c.width ?? 10)));
  const free = Math.max(0, usable - least.reduce((a, b) => a + b, 0));
  const weights = weight.reduce((a, b) => a + b, 0) || 1;
  const widths = columns.map((_, i) => least[i]! + (free * weight[i]!) / weights);

  /** One row of cells in the given widths; its height is that of its tallest cell. */
  const row = (cells: string[], cellWidths: number[], size: number, onNewPage?: () => void) => {
    doc.fontSize(size);
    const inner = (i: number) => Math.max(1, cellWidths[i]! - 2 * PAD);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell || " ", { width: inner(i) }))) + 2;
    if (doc.y + height > doc.page.height - MARGIN) {
      doc.addPage();
      onNewPage?.();
      doc.fontSize(size);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x + PAD, y + 1, { width: inner(i), align: isFigure(cell) ? "right" : "left" });
      x += cellWidths[i]!;
    });
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + cellWidths.reduce((a, b) => a + b, 0), y + height).lineWidth(0.3).strokeColor("#bbbbbb").stroke();
    doc.x = MARGIN;
    doc.y = y + height + 1;
  };
  const header = () => row(columns.map((c) => c.title), widths, SIZE);
  (async () => {
    try {
      doc.fontSize(13).text(title);
      doc.moveDown(0.5);
      header();
      let n = 0;
      for await (const r of rows) {
        row(columns.map((c) => String(r[c.key] ?? "")), widths, SIZE, header);
        if (++n % 500 === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          if (!(await readerReady(out))) return;
        }
      }
      doc.moveDown();
      const lines = totals();
      doc.fontSize(8);
      const span = Math.max(0, ...lines.map((l) => l.length));
      const totalWidths = Array.from({ length: span }, (_, j) => Math.max(0, ...lines.map((l) => (l[j] ? doc.widthOfString(l[j]) : 0))) + 4 * PAD);
      const scale = Math.min(1, usable / totalWidths.reduce((a, b) => a + b, 0));
      for (const l of lines) row(l, totalWidths.map((w) => w * scale), 8);
      doc.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}
