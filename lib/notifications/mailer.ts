// Hands a message to the mail server (SMTP_URL) or, without one, writes it to the
// development mailbox: a folder of .eml files named by Message-ID, so a message sent
// twice is still one file.
/* eslint-disable security/detect-non-literal-fs-filename -- the folder comes from configuration, the name from our own Message-ID, reduced to safe characters */
import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string; messageId: string; locale: string };

export function mailboxDir(): string {
  return process.env.MAILBOX_DIR ?? path.join(process.cwd(), ".data", "mailbox");
}

export function mailFrom(): string {
  // Neutral by default: nothing in the sender says who funds whom.
  return process.env.MAIL_FROM ?? "Notifications <no-reply@localhost>";
}

export async function sendMail(mail: Mail): Promise<void> {
  const message = {
    from: mailFrom(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    headers: { "Content-Language": mail.locale, "Auto-Submitted": "auto-generated" },
  };
  if (process.env.SMTP_URL) {
    await nodemailer.createTransport(process.env.SMTP_URL).sendMail(message);
    return;
  }
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  const dir = mailboxDir();
  await mkdir(dir, { recursive: true });
  const name = mail.messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9.@_-]/g, "_");
  await writeFile(path.join(dir, `${name}.eml`), info.message as Buffer);
}
