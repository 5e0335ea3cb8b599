// Message-IDs travel with every copy of a message and are read by every server on its way:
// they name nothing (no product, no kind of mail, no record id), only an opaque id at a
// neutral domain. A delivery sent twice keeps its id (mail clients then show one message).
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { env, isDomainName } from "../env";
import { mailFrom } from "./mailer";

const PURPOSE = "mail-message-id";

/**
 * MAIL_MESSAGE_ID_DOMAIN (checked at start by lib/env.ts), else the domain of the sender's
 * address, else localhost. Never throws: a reset or sign-up request must answer the same
 * whatever the mail settings (a failure only for known addresses would tell who has one).
 */
export function messageIdDomain(): string {
  const domain = process.env.MAIL_MESSAGE_ID_DOMAIN || /@([^@\s>]+)>?\s*$/.exec(mailFrom())?.[1];
  return domain && isDomainName(domain) ? domain : "localhost";
}

/**
 * `<32 hex digits@domain>`. With a delivery key: a keyed hash of it (the same key gives
 * the same id; nobody without AUTH_SECRET learns the key from the id). Without: random.
 */
export function newMessageId(deliveryKey?: string): string {
  const id = deliveryKey === undefined
    ? randomBytes(16).toString("hex")
    : createHmac("sha256", createHmac("sha256", env().AUTH_SECRET).update(PURPOSE).digest()).update(deliveryKey).digest("hex").slice(0, 32);
  return `<${id}@${messageIdDomain()}>`;
}
