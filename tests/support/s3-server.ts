// A real S3-protocol server (s3rver) on loopback, on a free port, for the S3 store's tests;
// its objects live in a temporary folder removed on stop. s3rver checks request signatures
// against the fixed key pair S3RVER / S3RVER, given here as the standard AWS variables.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export const TEST_BUCKET = "most-test";

export async function startS3Server() {
  const directory = mkdtempSync(path.join(tmpdir(), "most-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: TEST_BUCKET }] });
  const { port } = await server.run();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_REGION: "us-east-1" });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** The STORAGE_URL of the test bucket, with an optional key prefix. */
    storageUrl: (prefix = "") => `s3://${TEST_BUCKET}${prefix ? `/${prefix}` : ""}?endpoint=http://127.0.0.1:${port}&forcePathStyle=true`,
    /** Where s3rver keeps objects on disk (to check what the bucket holds). */
    directory,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
