// Spreadsheet formula injection guard, shared by the exports and the bank CSV. Pure: no
// server-only, so the bank edge modules (lib/bank/) can use it too.
import { isDecimalText } from "../amounts";

/** Our own decimal figures (e.g. -30000.00), as opposed to text. */
export const isFigure = (text: string) => isDecimalText(text.startsWith("-") ? text.slice(1) : text, 30, 10);

/**
 * Spreadsheet formula injection: a text cell starting with = + - @ tab, CR or NUL is
 * prefixed with a quote. Our own numbers (e.g. -30000.00) stay numbers.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  if (isFigure(text)) return text;
  return /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
}
