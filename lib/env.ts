// Environment, validated with zod the first time it is read (not at import, so tests and
// scripts can set variables first).
import { z } from "zod";

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  /** Master keys as "id:base64key" pairs separated by commas; the first is current. */
  MOST_MASTER_KEYS: z
    .string()
    .refine((v) => v.split(",").every((part) => /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}$/.test(part)),
      "MOST_MASTER_KEYS must be id:base64(32 bytes)[,id:key…]"),
  /** Key of the blind index that finds a person by e-mail (lib/users/blind-index.ts). */
  MOST_BLIND_INDEX_KEY: z.string().min(32, "MOST_BLIND_INDEX_KEY must be at least 32 characters"),
  STORAGE_DIR: z.string().default(".data/storage"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** Secure cookies and HSTS only make sense behind HTTPS. */
  MOST_INSECURE_HTTP: z.enum(["0", "1"]).default("0"),
  /**
   * Reverse proxies in front of the portal that append the client's address to
   * X-Forwarded-For. 0: the portal is reached directly and the socket address counts.
   */
  TRUSTED_PROXY_HOPS: z
    .string()
    .regex(/^\d$/, "TRUSTED_PROXY_HOPS must be a number of proxies from 0 to 9")
    .default("0")
    .transform(Number),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function env(): TEnv {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}
