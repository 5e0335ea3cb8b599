// Attachment types are decided by content (magic numbers), never by the file name.
import { fileTypeFromBuffer } from "file-type";

export const ALLOWED_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpg: "image/jpeg",
} as const;

export { MAX_FILE_BYTES } from "../limits";

export type DetectedType = { ext: keyof typeof ALLOWED_TYPES; mime: string };

export async function detectAllowedType(bytes: Uint8Array): Promise<DetectedType | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return null;
  const entry = Object.entries(ALLOWED_TYPES).find(([ext, mime]) => ext === found.ext && mime === found.mime);
  return entry ? { ext: entry[0] as DetectedType["ext"], mime: entry[1] } : null;
}

/** The name without any folder the browser sent with it. */
export const baseFileName = (name: string) => name.split(/[\\/]/).pop() ?? "";

/**
 * A file name safe to show and to send back: no paths, controls or odd characters; the
 * extension is the detected type's. Never shortened: longer names are refused before
 * (MAX_FILE_NAME_LENGTH).
 */
export function safeFileName(name: string, ext: string): string {
  const base = baseFileName(name) || "file";
  const clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/\.[^.]*$/, "")
    .trim();
  return `${clean || "file"}.${ext}`;
}
