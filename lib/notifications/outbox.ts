// Account e-mail (sign-up, password reset) sent without making the page wait for the mail
// server: the answer then takes as long whether or not a message went out, so its timing
// does not tell who has an account. Notification e-mail goes through the job queue instead.
import "server-only";
import { logError } from "../log";
import { sendMail, type Mail } from "./mailer";

const inFlight = new Set<Promise<void>>();

export function sendInBackground(mail: Mail, what: string): void {
  const sending: Promise<void> = sendMail(mail)
    // The person's page has already answered; the failure is for the operators.
    .catch((e) => logError(`${what} e-mail failed`, e, mail.messageId))
    .finally(() => inFlight.delete(sending));
  inFlight.add(sending);
}

/** Resolves once every background send has finished (tests, and a graceful shutdown). */
export async function backgroundMailSettled(): Promise<void> {
  await Promise.all([...inFlight]);
}
