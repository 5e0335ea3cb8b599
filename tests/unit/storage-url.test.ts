// STORAGE_URL: what it accepts, and the portal refusing to start with a clear message otherwise.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseStorageUrl } from "@/lib/files/storage-url";
import { TEST_ENV } from "../setup/test-env";

describe("STORAGE_URL", () => {
  it("names a bucket, an optional prefix and the connection", () => {
    expect(parseStorageUrl("s3://most-files")).toEqual({ bucket: "most-files", prefix: "", endpoint: undefined, region: undefined, forcePathStyle: false });
    expect(parseStorageUrl("s3://most-files/portal/attachments?endpoint=http://127.0.0.1:9000&region=eu-central-1&forcePathStyle=true")).toEqual({
      bucket: "most-files",
      prefix: "portal/attachments/",
      endpoint: "http://127.0.0.1:9000",
      region: "eu-central-1",
      forcePathStyle: true,
    });
    expect(parseStorageUrl("s3://most.files/a/").prefix).toBe("a/");
  });

  it.each([
    ["/srv/files", /must look like s3:\/\/bucket/],
    ["https://most-files", /must start with s3:\/\//],
    ["s3://key:secret@most-files", /must not carry credentials/],
    ["s3://most-files:9000", /give the server as \?endpoint=/],
    ["s3://Most_Files", /is not a bucket name/],
    ["s3://ab", /is not a bucket name/],
    ["s3://most-files//x", /empty part/],
    ["s3://most-files?endpont=http://h:9000", /unknown parameter "endpont"/],
    ["s3://most-files?endpoint=127.0.0.1:9000", /endpoint must be an http:\/\/ or https:\/\/ address/],
    ["s3://most-files?endpoint=http://h:9000/bucket", /without a path/],
    ["s3://most-files?region=EU%20central", /region must be a region name/],
    ["s3://most-files?forcePathStyle=1", /forcePathStyle must be true or false/],
  ])("refuses %s", (value, message) => {
    expect(() => parseStorageUrl(value)).toThrow(message);
  });

  describe("at boot", () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
      vi.resetModules();
    });

    it("the environment check names the problem", async () => {
      Object.assign(process.env, TEST_ENV, { DATABASE_URL: "postgresql://u@localhost/db", STORAGE_URL: "s3://most-files?forcePathStyle=yes" });
      const { env } = await import("@/lib/env");
      expect(() => env()).toThrow(/Invalid environment:\n  STORAGE_URL: forcePathStyle must be true or false \(got "yes"\)/);
    });

    it("unset or valid, it passes", async () => {
      Object.assign(process.env, TEST_ENV, { DATABASE_URL: "postgresql://u@localhost/db", STORAGE_URL: "s3://most-files?endpoint=http://127.0.0.1:9000" });
      expect((await import("@/lib/env")).env().STORAGE_URL).toBe("s3://most-files?endpoint=http://127.0.0.1:9000");
    });
  });
});
