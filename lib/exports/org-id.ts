// The open-data identifier of an organisation that has no register number to publish (and of
// every protected one): a keyed hash of its id. A UUIDv7 prefix would reveal when the
// organisation was created; the hash is stable, reveals nothing and cannot be guessed
// without the portal's secret.
import "server-only";
import { createHmac } from "node:crypto";
import { env } from "../env";

const PURPOSE = "most:open-data-organisation-id:v1";

export function generatedOrgId(org: { id: string }, secret: string = env().AUTH_SECRET) {
  // A key of its own, derived from the secret, so this hash never equals any other use of it.
  const key = createHmac("sha256", secret).update(PURPOSE).digest();
  const digest = createHmac("sha256", key).update(org.id).digest("hex");
  return `XI-MOST-${digest.slice(0, 16).toUpperCase()}`;
}
