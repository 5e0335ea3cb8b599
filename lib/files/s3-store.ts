// The S3 store: any S3-compatible bucket (AWS, MinIO, Ceph, Garage…) named by STORAGE_URL;
// credentials from the SDK's standard chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a
// profile or role). Uploads stream as multipart parts of PART_BYTES, one at a time, so
// memory stays at about one part whatever the file size; downloads stream the response body.
import "server-only";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import { checkStorageKey, MissingStoredFileError, type ObjectStore } from "./object-store";
import type { TS3Location } from "./storage-url";

/** S3's smallest part size; a smaller file is one plain PUT. */
export const PART_BYTES = 5 * 1024 * 1024;

export class S3Store implements ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly location: TS3Location) {
    this.client = new S3Client({
      endpoint: location.endpoint,
      region: location.region ?? process.env.AWS_REGION ?? "us-east-1",
      forcePathStyle: location.forcePathStyle,
      // Checksums only where S3 requires them: the SDK's default (CRC32 trailers in aws-chunked
      // bodies) is not understood by every S3-compatible server; sealed files carry their own
      // authentication (AES-GCM per chunk), which a download checks anyway.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  /** The bucket answers HeadBucket with these credentials within a few seconds. */
  async reachable() {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.location.bucket }), { abortSignal: AbortSignal.timeout(3000) });
      return true;
    } catch {
      return false;
    }
  }

  private objectKey(key: string) {
    return this.location.prefix + checkStorageKey(key);
  }

  async put(key: string, source: Readable) {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.objectKey(key), Body: source },
      partSize: PART_BYTES,
      queueSize: 1,
      // A failed multipart upload is aborted, so no parts are left to pay for.
      leavePartsOnError: false,
    });
    // The source's own failure is the one to report: a failed abort must not replace it.
    let sourceError: unknown;
    source.once("error", (e) => (sourceError = e));
    try {
      await upload.done();
    } catch (e) {
      await this.delete(key).catch(() => undefined);
      throw sourceError ?? e;
    }
  }

  async get(key: string) {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }));
      return out.Body as Readable;
    } catch (e) {
      if (e instanceof S3ServiceException && (e.name === "NoSuchKey" || e.$metadata.httpStatusCode === 404)) throw new MissingStoredFileError(key);
      throw e;
    }
  }

  async delete(key: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }));
  }

  /** Closes the client's sockets (tests and scripts that end). */
  close() {
    this.client.destroy();
  }
}
