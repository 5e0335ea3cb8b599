// Bytes to text, chunk by chunk: UTF-8 (strict), Windows-1252, or UTF-8 falling back to 1252.
import { ListFormatError, type ListFile } from "../types";

export type TextEncoding = "utf-8" | "windows-1252" | "utf-8-or-1252";

const BOM = [0xef, 0xbb, 0xbf];

/** First byte that is not a BOM or whitespace, from the first chunk(s); -1 for none. */
export function firstSignificant(bytes: Uint8Array): number {
  let i = 0;
  if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] ?? -1;
}

export interface DecodeOptions {
  encoding: TextEncoding;
  /** Called once with the first chunk's bytes: throw to refuse the file before any parsing. */
  sniff?: (first: Uint8Array) => void;
}

/** Streams a file's text. Empty file → "empty"; NUL bytes up front → "wrong-format" (binary); bad UTF-8 → "encoding". */
export async function* decodeFile(file: ListFile, options: DecodeOptions): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let fallback = options.encoding === "utf-8-or-1252";
  let sawNonAscii = false;
  let total = 0;
  for await (const chunk of file.open()) {
    if (chunk.length === 0) continue;
    if (!decoder) {
      if (chunk.subarray(0, 4096).includes(0)) throw new ListFormatError("wrong-format", `${file.name}: binary data, not a text file`);
      options.sniff?.(chunk);
      const hasBom = chunk[0] === BOM[0] && chunk[1] === BOM[1] && chunk[2] === BOM[2];
      const enc = options.encoding === "windows-1252" && !hasBom ? "windows-1252" : "utf-8";
      if (hasBom) fallback = false;
      decoder = new TextDecoder(enc, { fatal: enc === "utf-8" });
    }
    total += chunk.length;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      if (!fallback || sawNonAscii) throw new ListFormatError("encoding", `${file.name}: not valid UTF-8 near byte ${total - chunk.length}`);
      // Nothing but ASCII so far: the file is Windows-1252 from the start (OFAC legacy CSV).
      decoder = new TextDecoder("windows-1252");
      fallback = false;
      text = decoder.decode(chunk, { stream: true });
    }
    if (fallback && !sawNonAscii && /[^\x00-\x7f]/.test(text)) sawNonAscii = true;
    if (text) yield text;
  }
  if (total === 0) throw new ListFormatError("empty", `${file.name}: the file is empty`);
  try {
    const rest = decoder?.decode() ?? "";
    if (rest) yield rest;
  } catch {
    throw new ListFormatError("truncated", `${file.name}: the file ends inside a character`);
  }
}
