// The development mailbox (no SMTP_URL): a folder with one .eml file per delivery, named
// by time of writing and Message-ID, so a message sent twice shows as two files with the
// same Message-ID. The mailbox page and the run command read it.
/* eslint-disable security/detect-non-literal-fs-filename -- the folder comes from configuration; names are ours, checked against SAFE_NAME */
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "../auth/actor";
import { configuredOrigins } from "../portal-origins";
import { clientAddress } from "../request";
import { decodeHeader, emlBody, emlHeaders, linksIn } from "./eml";

export function mailboxDir(): string {
  return process.env.MAILBOX_DIR ?? path.join(process.cwd(), ".data", "mailbox");
}

const SAFE_NAME = /^[0-9TZ-]+-[0-9a-f]{6}-[A-Za-z0-9.@_-]+\.eml$/;

export async function writeToMailbox(messageId: string, message: Buffer): Promise<string> {
  const dir = mailboxDir();
  await mkdir(dir, { recursive: true });
  const id = messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9.@_-]/g, "_");
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}-${id}.eml`;
  // Written aside, then renamed: whoever watches the folder (the run command prints each new
  // mail's link) only ever sees a whole message.
  await writeFile(path.join(dir, `${name}.part`), message);
  await rename(path.join(dir, `${name}.part`), path.join(dir, name));
  return name;
}

export type MailboxMessage = { file: string; messageId: string; to: string; subject: string; date: string; text: string; links: string[] };

function read(dir: string, file: string): MailboxMessage {
  const eml = readFileSync(path.join(dir, file), "utf8");
  const h = emlHeaders(eml);
  const text = emlBody(eml);
  return { file, messageId: h["message-id"] ?? "", to: decodeHeader(h.to ?? ""), subject: decodeHeader(h.subject ?? ""), date: h.date ?? "", text, links: linksIn(text) };
}

/** Messages, newest first. */
export function listMailbox(limit = 100): MailboxMessage[] {
  const dir = mailboxDir();
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => SAFE_NAME.test(f)).sort().reverse().slice(0, limit);
  return files.map((f) => read(dir, f));
}

/**
 * The mailbox page exists only for the development mailbox (no SMTP_URL), outside production
 * unless the run command enables it for the local demo (MOST_DEV_MAILBOX=1).
 */
export function devMailboxEnabled(): boolean {
  if (process.env.SMTP_URL) return false;
  return process.env.NODE_ENV !== "production" || process.env.MOST_DEV_MAILBOX === "1";
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1", "localhost"]);

/** Who may read it: anyone on this machine, or a platform admin who has passed the second factor. */
export function mayReadDevMailbox(actor: Pick<Actor, "isPlatformAdmin" | "pendingSecondFactor"> | null, clientAddress: string): boolean {
  if (!devMailboxEnabled()) return false;
  if (LOOPBACK.has(clientAddress)) return true;
  return Boolean(actor?.isPlatformAdmin && !actor.pendingSecondFactor);
}

/** The messages for the mailbox page, or null (shown as not found) when it is off or not for this reader. */
export async function findDevMailbox(actor: Actor | null): Promise<MailboxMessage[] | null> {
  if (!mayReadDevMailbox(actor, await clientAddress())) return null;
  // A link to this portal becomes its path, so it opens on whatever host the reader used.
  const ours = new Set(configuredOrigins().map((o) => o.origin));
  const local = (link: string) => {
    const u = new URL(link);
    return ours.has(u.origin) ? `${u.pathname}${u.search}${u.hash}` : link;
  };
  return listMailbox(50).map((m) => ({ ...m, links: m.links.map(local) }));
}
