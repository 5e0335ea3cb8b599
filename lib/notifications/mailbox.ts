// The development mailbox (no SMTP_URL): a folder with one .eml file per delivery, named
// by time of writing and Message-ID, so a message sent twice shows as two files with the
// same Message-ID. The mailbox page and the run command read it.
/* eslint-disable security/detect-non-literal-fs-filename -- the folder comes from configuration; names are ours, checked against SAFE_NAME */
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
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
  await writeFile(path.join(dir, name), message);
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
