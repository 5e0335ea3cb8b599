// Hands a message to the mail server (SMTP_URL) or, without one, writes it to the
// development mailbox (./mailbox.ts): one file per delivery, so a duplicate shows.
import "server-only";
import nodemailer from "nodemailer";
import { writeToMailbox } from "./mailbox";

export type Mail = { to: string; subject: string; text: string; messageId: string; locale: string };

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
  await writeToMailbox(mail.messageId, info.message as Buffer);
}
