// Imports one list file (set) as a new version: all or nothing. Entries are streamed from the
// parser into the database in batches inside one transaction; anything the parser refuses
// (malformed, truncated, wrong format) rolls the whole import back and the version in force
// stays in force. The difference to the previous version is counted by source id and hash.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "../auth/actor";
import { canPlatform } from "../auth/permissions";
import { writeAudit } from "../audit/write";
import { db } from "../db";
import { AppError } from "../errors";
import { parseList } from "./parse";
import { screenStale } from "./screen";
import { BATCH, endRemoved, prepareEntry, writeBatch, type Prepared } from "./import-batch";
import { LIST_OF } from "./lists";
import { ListFormatError, type AnySource, type ListEntry, type ListFile } from "./types";

export type ImportSummary = {
  versionId: string;
  list: string;
  entries: number;
  persons: number;
  organisations: number;
  names: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: boolean;
};

/** SHA-256 over the files' bytes (streamed), in the order given. */
async function filesHash(files: ListFile[]): Promise<string> {
  const h = createHash("sha256");
  for (const f of files) for await (const chunk of f.open()) h.update(chunk);
  return h.digest("hex");
}

/**
 * `actor` null: the command line (run by the operator on the server). A file identical to the
 * version in force is not imported again (`unchanged: true`).
 */
/**
 * A version that drops more than this share of the entries in force is refused unless the
 * importer says it is expected: a file cut off at a line end parses as a shorter list, and
 * would silently delist people (their open matches would lapse).
 */
export const MAX_SILENT_REMOVAL = 0.1;

export async function importListVersion(actor: Actor | null, input: { source: AnySource; files: ListFile[]; allowShrink?: boolean }): Promise<ImportSummary> {
  if (actor && !canPlatform(actor, "sanctions.manage")) throw new AppError("forbidden");
  const list = LIST_OF[input.source];
  const sha256 = await filesHash(input.files);
  try {
    return await db.$transaction(
      async (tx) => {
        // One import per list at a time: the diff is against the version this one replaces.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sanctions-import:${list}`}))`;
        const previous = await tx.sanctionsListVersion.findFirst({ where: { list }, orderBy: [{ importedAt: "desc" }, { id: "desc" }] });
        if (previous?.sha256 === sha256) {
          return { versionId: previous.id, list, entries: previous.entries, persons: previous.persons, organisations: previous.organisations, names: previous.names, added: 0, removed: 0, changed: 0, unchanged: true };
        }
        const [row] = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM "SanctionsEntry" WHERE list = ${list} AND "toVersionId" IS NULL`;
        const inForce = row?.n ?? 0;
        const versionId = randomUUID();
        const seen = new Set<string>();
        const counts = { entries: 0, persons: 0, organisations: 0, names: 0, added: 0, changed: 0 };
        let batch: Prepared[] = [];
        const flush = async () => {
          const written = await writeBatch(tx, list, versionId, batch);
          counts.added += written.added;
          counts.changed += written.changed;
          batch = [];
        };
        const parser = parseList(input.source, input.files);
        let header: { publicationDate?: string } = {};
        for (;;) {
          const step = await parser.next();
          if (step.done) {
            header = step.value ?? {};
            break;
          }
          const entry = step.value;
          if (seen.has(entry.sourceId)) throw new ListFormatError("malformed", `entry ${entry.sourceId} appears twice`);
          seen.add(entry.sourceId);
          if (entry.names.length === 0) throw new ListFormatError("malformed", `entry ${entry.sourceId} has no name`);
          checkSizes(entry);
          counts.entries++;
          if (entry.kind === "person") counts.persons++;
          else if (entry.kind === "organisation") counts.organisations++;
          counts.names += entry.names.length;
          batch.push(prepareEntry(entry));
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        if (counts.entries === 0) throw new ListFormatError("empty", "the file holds no entries");
        // An older file never replaces a newer one (its removals would lapse open matches).
        const published = publicationDate(header.publicationDate);
        const inForceDate = previous?.publicationDate?.toISOString().slice(0, 10);
        if (published && inForceDate && published < inForceDate) {
          throw new AppError("validation", { file: "errors.sanctions.older" }, { published, inForce: inForceDate });
        }
        // Refused after the fact: the transaction rolls the whole import back.
        const removed = await endRemoved(tx, list, versionId, [...seen]);
        if (!input.allowShrink && inForce > 0 && removed > Math.max(10, inForce * MAX_SILENT_REMOVAL)) {
          throw new AppError("validation", { file: "errors.sanctions.shrink" }, { removed, previous: inForce });
        }
        // Written last, once the counts are known (the table is append-only); the entries'
        // foreign key to it is checked at commit.
        await tx.$executeRaw`
          INSERT INTO "SanctionsListVersion" (id, list, source, "publicationDate", "fileNames", sha256, entries, persons, organisations, names, added, removed, changed, "previousId", "importedById", "importedAt")
          VALUES (${versionId}::uuid, ${list}, ${input.source}, ${published}::date, ${input.files.map((f) => f.name)}::text[], ${sha256},
                  ${counts.entries}, ${counts.persons}, ${counts.organisations}, ${counts.names}, ${counts.added}, ${removed}, ${counts.changed},
                  ${previous?.id ?? null}::uuid, ${actor?.userId ?? null}::uuid, clock_timestamp())`;
        await writeAudit(tx, actor ? { userId: actor.userId, role: "ADMIN" } : null, {
          action: "sanctions.listImported", entityType: "SanctionsListVersion", entityId: versionId,
          after: { list, source: input.source, sha256, publicationDate: header.publicationDate ?? null, ...counts, removed },
        });
        return { versionId, list, ...counts, removed, unchanged: false };
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
  } catch (e) {
    if (e instanceof ListFormatError) throw new AppError("validation", { file: `errors.sanctions.${e.problem}` }, { detail: e.detail.slice(0, 200) });
    throw e;
  }
}

/** What the columns hold; a hostile or broken file gets "malformed", not a database error. */
function checkSizes(entry: ListEntry) {
  if (entry.sourceId.length > 200) throw new ListFormatError("malformed", `an entry id is ${entry.sourceId.length} characters long`);
  for (const n of entry.names) {
    if (n.full.length > 2000) throw new ListFormatError("malformed", `entry ${entry.sourceId} has a name of ${n.full.length} characters`);
    if (n.script.length > 8 || (n.lang?.length ?? 0) > 8) throw new ListFormatError("malformed", `entry ${entry.sourceId} has an unreadable script or language code`);
  }
  if (entry.names.length > 1000) throw new ListFormatError("malformed", `entry ${entry.sourceId} has ${entry.names.length} names`);
}

function publicationDate(value: string | undefined): string | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return m ? m[1]! : null;
}

/**
 * Right after an import by an admin: the first organisations are re-screened at once (a small
 * instance is then fully screened); the worker's sweep screens the rest within minutes.
 */
export async function rescreenAfterImport(actor: Actor, limit = 50) {
  if (!canPlatform(actor, "sanctions.manage")) throw new AppError("forbidden");
  return screenStale(limit);
}
