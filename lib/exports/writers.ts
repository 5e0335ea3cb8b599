// Streaming writers for tabular exports: CSV, XLSX and PDF. Each consumes an async
// iterable of rows and ends with the totals, so memory stays flat whatever the size.
import "server-only";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { isDecimalText } from "../amounts";
import PDFDocument from "pdfkit";

export type Column<R> = { key: keyof R & string; title: string; width?: number; numeric?: boolean };
export type TotalsLines = () => string[][];

/**
 * Spreadsheet formula injection: a text cell starting with = + - @ tab, CR or NUL is
 * prefixed with a quote. Our own numbers (e.g. -30000.00) stay numbers.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  if (isDecimalText(text.startsWith("-") ? text.slice(1) : text, 30, 10)) return text;
  return /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
}

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
async function readerReady(out: PassThrough): Promise<boolean> {
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
      for (const line of totals()) sheet.addRow(line).commit();
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

/** A landscape A4 table with a font that has Cyrillic and Czech letters. */
export function pdfStream<R>(rows: AsyncIterable<R>, columns: Column<R>[], totals: TotalsLines, title: string): Readable {
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: 28, info: { Title: title, Producer: "Most" } });
  doc.registerFont("body", FONT);
  doc.font("body");
  const out = new PassThrough();
  doc.pipe(out);
  const widths = columns.map((c) => (c.width ?? 10) * 4.2);
  const scale = (doc.page.width - 56) / widths.reduce((a, b) => a + b, 0);
  const line = (cells: string[], size: number) => {
    if (doc.y > doc.page.height - 40) doc.addPage();
    const y = doc.y;
    let x = 28;
    cells.forEach((cell, i) => {
      doc.fontSize(size).text(cell, x, y, { width: widths[i]! * scale - 4, height: size + 4, ellipsis: true, lineBreak: false });
      x += widths[i]! * scale;
    });
    doc.y = y + size + 5;
  };
  (async () => {
    try {
      doc.fontSize(13).text(title);
      doc.moveDown(0.5);
      line(columns.map((c) => c.title), 7.5);
      let n = 0;
      for await (const row of rows) {
        line(columns.map((c) => String(row[c.key] ?? "")), 7);
        if (++n % 500 === 0) {
          await new Promise((r) => setImmediate(r));
          if (!(await readerReady(out))) return;
        }
      }
      doc.moveDown();
      for (const l of totals()) line(l, 8);
      doc.end();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}
