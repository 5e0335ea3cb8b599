// Environment, validated with zod the first time it is read (not at import, so tests and
// scripts can set variables first).
import { z } from "zod";
import { parseStorageUrl } from "./files/storage-url";
import { originProblem } from "./origins";

/** A host name as a Message-ID's right side may carry: dot-separated labels of letters, digits, hyphens. */
export const isDomainName = (d: string) =>
  d.length <= 253 && d.split(".").every((label) => /^[A-Za-z0-9-]{1,63}$/.test(label) && !label.startsWith("-") && !label.endsWith("-"));

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  /** A read replica for dashboards and exports (lib/db.ts readDb); the primary when unset. */
  DATABASE_REPLICA_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_REPLICA_URL must be a postgresql:// URL").optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  /** Master keys as "id:base64key" pairs separated by commas; the first is current. */
  MOST_MASTER_KEYS: z
    .string()
    .refine((v) => v.split(",").every((part) => /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}$/.test(part)),
      "MOST_MASTER_KEYS must be id:base64(32 bytes)[,id:key…]"),
  /** Key of the blind index that finds a person by e-mail (lib/users/blind-index.ts). */
  MOST_BLIND_INDEX_KEY: z.string().min(32, "MOST_BLIND_INDEX_KEY must be at least 32 characters"),
  STORAGE_DIR: z.string().default(".data/storage"),
  /** An S3-compatible bucket for uploaded files instead of STORAGE_DIR (lib/files/storage-url.ts). */
  STORAGE_URL: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (!v) return;
      try {
        parseStorageUrl(v);
      } catch (e) {
        // env() prefixes the variable's name itself.
        ctx.addIssue({ code: "custom", message: (e as Error).message.replace(/^STORAGE_URL:? /, "") });
      }
    }),
  /**
   * Key shares (lib/crypto/keystore.ts): outside STORAGE_DIR and outside every folder backed
   * up with the database, so an erase is final once this folder's own retention has passed.
   */
  KEY_SHARE_DIR: z.string().default(".data/keyshares"),
  /** Folders backed up with the database or the files (comma-separated); shares may not be inside. */
  MOST_BACKED_UP_DIRS: z.string().default(""),
  /** Days the operator keeps backups of KEY_SHARE_DIR: an erase is final that long after it. */
  MOST_KEY_SHARE_RETENTION_DAYS: z
    .string()
    .regex(/^\d{1,4}$/, "MOST_KEY_SHARE_RETENTION_DAYS must be a number of days")
    .transform(Number)
    .optional(),
  /** "1": the operator accepts shares inside a backed-up folder (erase is then not final). */
  MOST_ALLOW_SHARES_IN_BACKUPS: z.enum(["0", "1"]).default("0"),
  /**
   * Lists that must each have a version in force before any award or payment (comma-separated:
   * eu, un, ofac, uk). Unset: none required (a fresh demo); production sets at least "eu".
   */
  MOST_SANCTIONS_REQUIRED_LISTS: z
    .string()
    .refine((v) => v === "" || v.split(",").every((l) => ["eu", "un", "ofac", "uk"].includes(l.trim())), "MOST_SANCTIONS_REQUIRED_LISTS must name lists among eu, un, ofac, uk")
    .default(""),
  APP_URL: z.string().url().default("http://localhost:3000"),
  /**
   * Other origins the portal is served under (comma-separated): an onion service
   * (http://….onion), mirror domains (https only). Links and e-mails name the one a person uses.
   */
  MOST_MIRROR_ORIGINS: z.string().optional(),
  /** Secure cookies and HSTS only make sense behind HTTPS. */
  MOST_INSECURE_HTTP: z.enum(["0", "1"]).default("0"),
  /**
   * Reverse proxies in front of the portal that append the client's address to
   * X-Forwarded-For. 0: the portal is reached directly and the socket address counts.
   */
  /** Domain of every e-mail's Message-ID (lib/notifications/message-id.ts); unset: the sender's. */
  MAIL_MESSAGE_ID_DOMAIN: z.string().refine((v) => v === "" || isDomainName(v), "MAIL_MESSAGE_ID_DOMAIN must be a domain name such as mail.example.net").optional(),
  TRUSTED_PROXY_HOPS: z
    .string()
    .regex(/^\d$/, "TRUSTED_PROXY_HOPS must be a number of proxies from 0 to 9")
    .default("0")
    .transform(Number),
});

const ZEnvChecked = ZEnv.superRefine((e, ctx) => {
  for (const m of (e.MOST_MIRROR_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const problem = originProblem(m, e.MOST_INSECURE_HTTP === "1");
    if (problem) ctx.addIssue({ code: "custom", path: ["MOST_MIRROR_ORIGINS"], message: problem });
  }
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  if (!cached) {
    const parsed = ZEnvChecked.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}
