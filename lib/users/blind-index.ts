// Keyed blind index of an e-mail address: sign-in, sign-up, resets, duplicate checks and
// invitations find a person by HMAC-SHA256(MOST_BLIND_INDEX_KEY, normalised address), so
// the database holds no address in clear and a dump cannot be searched by a guessed one
// without the key (which lives only in the environment, like the master keys).
import "server-only";
import { env } from "../env";
import { emailIndexWith } from "./email-index";

export { normaliseEmail } from "./email-index";

export const emailIndex = (email: string) => emailIndexWith(env().MOST_BLIND_INDEX_KEY, email);
