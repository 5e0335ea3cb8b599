-- Issue 12: one chain per stream (funder or platform) instead of one global head, and
-- signed checkpoints. Existing events keep their hashes: they become the stream "legacy",
-- in their old order, verified with the format they were written in.
ALTER TABLE "AuditEvent" ADD COLUMN "stream" TEXT, ADD COLUMN "streamSeq" BIGINT;
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
UPDATE "AuditEvent" SET "stream" = 'legacy', "streamSeq" = "id";
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";
ALTER TABLE "AuditEvent" ALTER COLUMN "stream" SET NOT NULL, ALTER COLUMN "streamSeq" SET NOT NULL;
CREATE UNIQUE INDEX "AuditEvent_stream_streamSeq_key" ON "AuditEvent"("stream", "streamSeq");
-- Every append maintains each index inside its stream's lock: the hash needs no unique index
-- (positions are unique per stream, and verification compares hashes, not looks them up).
DROP INDEX "AuditEvent_hash_key";
-- An event belongs to its funder's stream, or to the platform's when it has no funder.
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_stream_matches_funder"
  CHECK ("stream" = 'legacy' OR "stream" = COALESCE("funderId"::text, 'platform'));
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_streamSeq_positive" CHECK ("streamSeq" >= 1);
-- Ids now come from the sequence (they were the global position before).
SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'id'), GREATEST((SELECT COALESCE(max("id"), 0) FROM "AuditEvent"), 1), (SELECT count(*) > 0 FROM "AuditEvent"));

CREATE TABLE "AuditHead_new" (
    "stream" TEXT NOT NULL,
    "lastSeq" BIGINT NOT NULL,
    "lastId" BIGINT NOT NULL,
    "prevHash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,
    CONSTRAINT "AuditHead_new_pkey" PRIMARY KEY ("stream"),
    CONSTRAINT "AuditHead_lastSeq_positive" CHECK ("lastSeq" >= 1)
);
INSERT INTO "AuditHead_new" ("stream", "lastSeq", "lastId", "prevHash", "hash")
  SELECT 'legacy', h."lastId", h."lastId", COALESCE(e."prevHash", repeat('0', 64)), h."hash"
  FROM "AuditHead" h LEFT JOIN "AuditEvent" e ON e."id" = h."lastId" WHERE h."lastId" > 0;
DROP TABLE "AuditHead";
ALTER TABLE "AuditHead_new" RENAME TO "AuditHead";
ALTER TABLE "AuditHead" RENAME CONSTRAINT "AuditHead_new_pkey" TO "AuditHead_pkey";

CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "stream" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "headHash" CHAR(64) NOT NULL,
    "count" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AuditCheckpoint_seq_nonnegative" CHECK ("seq" >= 0 AND "count" >= 0)
);
-- Not unique: the portal's login may insert rows, and a row it placed ahead must not keep the
-- genuine checkpoint of that position out (readers keep only rows whose signature holds).
CREATE INDEX "AuditCheckpoint_stream_seq_idx" ON "AuditCheckpoint"("stream", "seq");
CREATE INDEX "AuditCheckpoint_at_idx" ON "AuditCheckpoint"("at");
CREATE TRIGGER "AuditCheckpoint_append_only" BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION most_reject_change();
CREATE TRIGGER "AuditCheckpoint_no_truncate" BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION most_reject_change();
