// Which list a file format belongs to, and an entry's content hash (equal hash = unchanged).
import { createHash } from "node:crypto";
import type { AnySource, ListEntry } from "./types";

export const LIST_OF: Record<AnySource, string> = {
  "eu-fsf": "eu",
  un: "un",
  "ofac-sdn": "ofac",
  "ofac-csv": "ofac",
  "uk-fcdo": "uk",
  "uk-ofsi": "uk",
  "ru-undesirable": "ru-undesirable",
  "ru-foreign-agents": "ru-foreign-agents",
};

/** Russia's registers: a match is risk context for staff, never a block. */
export const RISK_LISTS: ReadonlySet<string> = new Set(["ru-undesirable", "ru-foreign-agents"]);

/** JSON with keys sorted at every level: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of an entry's canonical JSON (the import makes the text once and stores it too). */
export const canonicalHash = (json: string) => createHash("sha256").update(json).digest("hex");
export const entryHash = (entry: ListEntry) => canonicalHash(canonicalJson(entry));

export function primaryName(entry: ListEntry): string {
  return (entry.names.find((n) => n.primary) ?? entry.names[0])?.full ?? entry.sourceId;
}

/** A match's sealed explanation is bound to what the match is about (stable across refreshes). */
export const explanationAad = (m: { organisationId: string; funderId: string; subjectRef: string; entryId: string }) =>
  `sanctions-match:${m.organisationId}:${m.funderId}:${m.subjectRef}:${m.entryId}`;

/**
 * The database guard's refusals (most_sanctions_check) as error codes: raised by the triggers
 * too, when a list or the organisation changed between lib/'s own check and the write.
 */
export function sanctionsErrorCode(e: unknown): "sanctionsHold" | "sanctionsUnscreened" | null {
  const text = e instanceof Error ? e.message : String(e);
  if (text.includes("most_sanctions_hold")) return "sanctionsHold";
  if (text.includes("most_sanctions_unscreened")) return "sanctionsUnscreened";
  return null;
}
