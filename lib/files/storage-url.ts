// STORAGE_URL names an S3-compatible bucket: s3://bucket[/prefix]?endpoint=…&region=…&forcePathStyle=true.
// Pure (no server-only): lib/env.ts validates with it at boot, lib/files/s3-store.ts connects with it.

export type TS3Location = {
  bucket: string;
  /** Empty, or ends with "/": object keys are prefix + storage key. */
  prefix: string;
  /** Unset: AWS itself. */
  endpoint?: string;
  region?: string;
  forcePathStyle: boolean;
};

export const STORAGE_URL_FORM = "s3://bucket[/prefix]?endpoint=http://host:port&region=…&forcePathStyle=true";
const PARAMS = ["endpoint", "region", "forcePathStyle"];

/** The bucket and connection STORAGE_URL names; throws an Error saying what is wrong. */
export function parseStorageUrl(value: string): TS3Location {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`STORAGE_URL must look like ${STORAGE_URL_FORM}`);
  }
  if (url.protocol !== "s3:") throw new Error(`STORAGE_URL must start with s3:// (${STORAGE_URL_FORM}); leave it unset to keep files in STORAGE_DIR`);
  // Secrets stay in the standard AWS variables, never in a URL that ends up in logs.
  if (url.username || url.password) throw new Error("STORAGE_URL must not carry credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  if (url.port) throw new Error("STORAGE_URL: the host part is the bucket; give the server as ?endpoint=http://host:port");
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes(".."))
    throw new Error(`STORAGE_URL: "${bucket}" is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens)`);
  const path = decodeURIComponent(url.pathname).replace(/^\//, "");
  if (path.startsWith("/") || path.includes("//")) throw new Error(`STORAGE_URL: the prefix "${path}" has an empty part`);
  const prefix = path === "" || path.endsWith("/") ? path : `${path}/`;
  for (const name of url.searchParams.keys()) {
    if (!PARAMS.includes(name)) throw new Error(`STORAGE_URL: unknown parameter "${name}" (known: ${PARAMS.join(", ")})`);
  }
  const endpoint = url.searchParams.get("endpoint") ?? undefined;
  if (endpoint !== undefined) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(endpoint);
    } catch {
      // reported below
    }
    if (!parsed || !["http:", "https:"].includes(parsed.protocol) || parsed.pathname.length > 1 || parsed.search)
      throw new Error(`STORAGE_URL: endpoint must be an http:// or https:// address without a path, such as http://127.0.0.1:9000 (got "${endpoint}")`);
  }
  const region = url.searchParams.get("region") ?? undefined;
  if (region !== undefined && !/^[a-z0-9-]{1,40}$/.test(region)) throw new Error(`STORAGE_URL: region must be a region name such as eu-central-1 (got "${region}")`);
  const style = url.searchParams.get("forcePathStyle") ?? "false";
  if (style !== "true" && style !== "false") throw new Error(`STORAGE_URL: forcePathStyle must be true or false (got "${style}")`);
  return { bucket, prefix, endpoint, region, forcePathStyle: style === "true" };
}
