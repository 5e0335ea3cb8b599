// Finds every server action (each export of app/**/actions.ts) and every route handler
// (each HTTP-method export of app/**/route.ts) from the file system, so a new one cannot
// be left out of the authorisation matrix or the fuzzing.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const APP = path.join(ROOT, "app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type AnyFn = (...args: unknown[]) => Promise<unknown>;
export type Discovered = { id: string; file: string; name: string; fn: AnyFn };

function filesNamed(name: string): string[] {
  return (readdirSync(APP, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((d) => d.isFile() && d.name === name)
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .sort();
}


export async function discoverActions(): Promise<Discovered[]> {
  const out: Discovered[] = [];
  for (const file of filesNamed("actions.ts")) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      // A "use server" module may export only async functions: every export is an action.
      if (typeof value !== "function") throw new Error(`${file} exports ${name}, which is not a function`);
      out.push({ id: `${file}#${name}`, file, name, fn: value as AnyFn });
    }
  }
  return out;
}

export async function discoverHandlers(): Promise<Discovered[]> {
  const out: Discovered[] = [];
  for (const file of filesNamed("route.ts")) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") out.push({ id: `${method} ${file}`, file, name: method, fn: mod[method] as AnyFn });
    }
  }
  return out;
}
