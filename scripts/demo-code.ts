// Prints the current second-factor code of the demo staff accounts (they share one
// authenticator secret, listed in the README). For the demo only.
import { currentTotp } from "../lib/auth/mfa/totp";
import { DEMO_TOTP_SECRET } from "../prisma/seed/demo-data";

const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${currentTotp(DEMO_TOTP_SECRET)}  (valid for ${left} more seconds; each code works once per account)`);
