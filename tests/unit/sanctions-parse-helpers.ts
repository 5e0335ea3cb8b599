// Shared by the sanctions parser tests: where the real samples are, and how to run a parser fully.
import { readFileSync } from "node:fs";
import path from "node:path";
import { standardsFolder } from "../support/standards";
import { expect } from "vitest";
import { fileFromBytes, fileFromPath, parseList } from "@/lib/sanctions/parse";
import { ListFormatError, type AnySource, type ListEntry, type ListFile, type ListHeader, type ListFormatProblem } from "@/lib/sanctions/types";

export const SAMPLES = standardsFolder("sanctions");
export const FIXTURES = path.join(process.cwd(), "tests/fixtures/sanctions");

export function sample(rel: string): ListFile {
  return fileFromPath(path.join(SAMPLES, rel));
}
export function fixture(rel: string): ListFile {
  return fileFromPath(path.join(FIXTURES, rel));
}
export function sampleBytes(rel: string): Buffer {
  return readFileSync(path.join(SAMPLES, rel));
}
export function bytes(name: string, data: Uint8Array | string): ListFile {
  return fileFromBytes(name, typeof data === "string" ? new TextEncoder().encode(data) : data);
}

export async function parseAll(source: AnySource, files: ListFile[]): Promise<{ entries: ListEntry[]; header: ListHeader }> {
  const gen = parseList(source, files);
  const entries: ListEntry[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { entries, header: r.value };
    entries.push(r.value);
  }
}

export function byId(entries: ListEntry[], id: string): ListEntry {
  const e = entries.find((x) => x.sourceId === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
}

export function counts(entries: ListEntry[]) {
  return {
    entries: entries.length,
    persons: entries.filter((e) => e.kind === "person").length,
    organisations: entries.filter((e) => e.kind === "organisation").length,
    names: entries.reduce((n, e) => n + e.names.length, 0),
    weak: entries.reduce((n, e) => n + e.names.filter((x) => x.weak).length, 0),
  };
}

export async function expectRefused(source: AnySource, files: ListFile[], problem: ListFormatProblem): Promise<ListFormatError> {
  let caught: unknown;
  try {
    await parseAll(source, files);
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${problem}`).toBeInstanceOf(ListFormatError);
  expect((caught as ListFormatError).problem).toBe(problem);
  return caught as ListFormatError;
}

/** Pseudo-random bytes (fixed seed), binary like a wrong download. */
export function garbage(n = 5000): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}
