// Pure verification of one audit stream, event by event, against the anchors the verifier
// holds (signed checkpoints, or hashes from an earlier verified export). Used on the
// database (verify.ts) and on an exported trail offline (scripts/verify-audit.ts).
import { createHash } from "node:crypto";
import { GENESIS_HASH, hashEvent, type ChainContent } from "./chain";

export type StoredEvent = ChainContent & { prevHash: string; hash: string };

/** Exactly the hashed fields (a row or an exported event carries more). */
export const chainContent = (e: StoredEvent): ChainContent => ({
  id: e.id, at: e.at, actorId: e.actorId, actorRole: e.actorRole, action: e.action, entityType: e.entityType, entityId: e.entityId,
  funderId: e.funderId, organisationId: e.organisationId, before: e.before, after: e.after, requestId: e.requestId, stream: e.stream, streamSeq: e.streamSeq,
});

/** A (stream, position, hash) the verifier trusts, and where it came from (for messages). */
export type Anchor = { stream: string; seq: bigint; headHash: string; source: string };

export type BreakReason =
  | "gap" // a position missing, repeated or out of order: a removed, inserted or moved event
  | "link" // prevHash differs from the previous event's hash
  | "hash" // the event's content no longer gives its stored hash
  | "checkpoint" // consistent chain, but different from what a held anchor says: rewritten history
  | "tail" // an anchor lies beyond the stream's last event: events removed from the end
  | "head"; // the stream's head row disagrees with its last event

export type StreamReport =
  | { stream: string; ok: true; events: number; seq: string; headHash: string; anchorsChecked: number }
  | {
      stream: string;
      ok: false;
      events: number;
      reason: BreakReason;
      /** The first event that no longer matches (null when it is missing: a removed tail). */
      brokenAt: string | null;
      /** Its position in the stream. */
      seq: string;
      message: string;
    };

type Start = { seq: bigint; prevHash: string };

/** Feed events in stream order; `finish` gives the verdict. Stops at the first break. */
export class StreamVerifier {
  private prev: string;
  private nextSeq: bigint;
  private count = 0;
  private anchorsChecked = 0;
  private lastGood: { seq: bigint; source: string } | null = null;
  private firstAfterGood: { id: string; seq: bigint } | null = null;
  private broken: StreamReport | null = null;
  private readonly anchors: Map<bigint, Anchor[]>;

  constructor(
    readonly stream: string,
    anchors: Anchor[],
    start: Start = { seq: 1n, prevHash: GENESIS_HASH },
  ) {
    this.prev = start.prevHash;
    this.nextSeq = start.seq;
    this.anchors = new Map();
    for (const a of anchors.filter((x) => x.stream === stream)) this.anchors.set(a.seq, [...(this.anchors.get(a.seq) ?? []), a]);
  }

  get done() {
    return this.broken !== null;
  }

  private fail(reason: BreakReason, brokenAt: string | null, seq: bigint, message: string) {
    this.broken = { stream: this.stream, ok: false, events: this.count, reason, brokenAt, seq: seq.toString(), message };
  }

  add(e: StoredEvent) {
    if (this.broken) return;
    const seq = BigInt(e.streamSeq);
    const id = String(e.id);
    if (this.firstAfterGood === null) this.firstAfterGood = { id, seq };
    if (e.stream !== this.stream || seq !== this.nextSeq) {
      return this.fail("gap", id, seq, `event ${id} is at position ${seq} of stream ${e.stream}, where position ${this.nextSeq} of ${this.stream} was expected`);
    }
    if (e.prevHash !== this.prev) return this.fail("link", id, seq, `event ${id} does not link to the event before it`);
    if (hashEvent(this.prev, chainContent(e)) !== e.hash) return this.fail("hash", id, seq, `event ${id} was changed after it was written (its content no longer gives its hash)`);
    for (const a of this.anchors.get(seq) ?? []) {
      this.anchorsChecked++;
      if (a.headHash !== e.hash) {
        const from = this.firstAfterGood ?? { id, seq };
        const since = this.lastGood ? `after position ${this.lastGood.seq} (still matching ${this.lastGood.source})` : "from the start of the stream";
        return this.fail(
          "checkpoint",
          from.id,
          from.seq,
          `the stream up to position ${seq} differs from ${a.source}: history was rewritten ${since}; the first event that no longer matches is at position ${from.seq} or later (event ${from.id})`,
        );
      }
      this.lastGood = { seq, source: a.source };
      this.firstAfterGood = null;
    }
    this.prev = e.hash;
    this.nextSeq = seq + 1n;
    this.count++;
  }

  /** `head`: the stream's head row, when verifying the database. */
  finish(head?: { lastSeq: bigint; hash: string } | null): StreamReport {
    if (this.broken) return this.broken;
    const last = this.nextSeq - 1n;
    const beyond = [...this.anchors.keys()].filter((s) => s > last).sort((a, b) => (a < b ? -1 : 1))[0];
    if (beyond !== undefined) {
      const a = this.anchors.get(beyond)![0]!;
      this.fail("tail", null, last + 1n, `${a.source} covers position ${beyond}, but the stream ends at position ${last}: events were removed from its end`);
      return this.broken!;
    }
    if (head !== undefined && (head === null ? this.count > 0 : head.lastSeq !== last || head.hash !== this.prev)) {
      this.fail("head", null, last, `the stream's head row (${head ? `position ${head.lastSeq}` : "missing"}) disagrees with its last event (position ${last})`);
      return this.broken!;
    }
    return { stream: this.stream, ok: true, events: this.count, seq: last.toString(), headHash: this.prev, anchorsChecked: this.anchorsChecked };
  }
}

/** One digest over every stream's head, to compare two copies of a trail at a glance. */
export function trailDigest(reports: { stream: string; seq: string; headHash: string }[]): string {
  const lines = [...reports].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0)).map((r) => `${r.stream}:${r.seq}:${r.headHash}`);
  return createHash("sha256").update(lines.join("\n"), "utf8").digest("hex");
}
