// Bank statements: camt.053 (end of day, versions .001.02 to .001.13) and camt.054 (debit/credit
// notifications, .001.02 to .001.13), also wrapped in an envelope with a head.001 business
// application header. Streamed with saxes: only one element below <Stmt>/<Ntfctn> (an entry,
// a balance) is built at a time. The result is all-or-nothing: any problem, even at the last
// byte, refuses the file whole with a StatementFileError code.
import { createHash } from "node:crypto";
import { SaxesParser, type SaxesTagNS } from "saxes";
import type { XmlNode } from "@/lib/sanctions/parse/xml";
import { textOf, kid, at } from "@/lib/sanctions/parse/xml";
import { sumAmounts } from "./amount";
import { accountId, balanceOf, entryOf, type TBalance, type TStatementEntry } from "./camt053-entry";
import { StatementFileError } from "./codes";

export type { TBalance, TStatementEntry, TEntryTransaction, TCreditDebit, TStatementAmount } from "./camt053-entry";

export interface TStatement {
  id: string;
  createdAt?: string;
  electronicSequence?: string;
  account: { iban?: string; other?: string; currency?: string };
  /** The account's currency, else the opening (or closing) balance's. */
  currency?: string;
  balances: TBalance[];
  /** OPBD, else PRCD (closing booked balance of the previous statement). */
  opening?: TBalance;
  /** CLBD. */
  closing?: TBalance;
  entries: TStatementEntry[];
}

export interface TStatementMessage {
  /** "camt.053.001.02", "camt.054.001.08"… */
  format: string;
  messageId: string;
  createdAt?: string;
  statements: TStatement[];
}

export type TStatementSource = string | Uint8Array | Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>;

const NS = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[34])\.001\.(\d{2})$/;
const SUPPORTED = new Set(["02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"]);
const MESSAGE = { "camt.053": ["BkToCstmrStmt", "Stmt"], "camt.054": ["BkToCstmrDbtCdtNtfctn", "Ntfctn"] } as const;
/** One entry (with all its transaction details) or one header above this is refused. */
const MAX_SUBTREE_CHARS = 4 * 1024 * 1024;

async function* chunksOf(source: TStatementSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === "string" || source instanceof Uint8Array) yield source;
  else yield* source;
}

function attrsOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) if (a.prefix !== "xmlns" && a.name !== "xmlns") out[a.local] = a.value;
  return out;
}

function statementOf(parts: XmlNode[], entries: TStatementEntry[], where: string): TStatement {
  const node: XmlNode = { name: "Stmt", attrs: {}, children: parts, text: "" };
  const id = textOf(node, "Id");
  if (!id) throw new StatementFileError("missingField", `${where}: no <Id>`);
  const acct = kid(node, "Acct");
  if (!acct) throw new StatementFileError("missingField", `${where}: no <Acct>`);
  const iban = textOf(kid(acct, "Id"), "IBAN") || undefined;
  const account = { iban, other: iban ? undefined : accountId(acct), currency: textOf(acct, "Ccy") || undefined };
  const balances = parts.filter((p) => p.name === "Bal").map((b, i) => balanceOf(b, `${where} balance ${i + 1}`));
  const opening = balances.find((b) => b.type === "OPBD") ?? balances.find((b) => b.type === "PRCD");
  const closing = balances.find((b) => b.type === "CLBD");
  checkSummary(kid(node, "TxsSummry"), entries, where);
  return {
    id,
    createdAt: textOf(node, "CreDtTm") || undefined,
    electronicSequence: textOf(node, "ElctrncSeqNb") || undefined,
    account,
    currency: account.currency ?? (opening ?? closing)?.currency,
    balances,
    opening,
    closing,
    entries,
  };
}

/** The bank's own counts and sums (TxsSummry), where given, must agree with the entries read. */
function checkSummary(summary: XmlNode | undefined, entries: TStatementEntry[], where: string) {
  if (!summary) return;
  const check = (path: string, list: TStatementEntry[]) => {
    const node = at(summary, path)[0];
    if (!node) return;
    const count = textOf(node, "NbOfNtries");
    if (count && Number(count) !== list.length) throw new StatementFileError("countMismatch", `${where}: ${path} says ${count} entries, the file has ${list.length}`);
    const sum = textOf(node, "Sum");
    if (sum && !sumAmounts(list.map((e) => e.amount)).equals(sum)) throw new StatementFileError("countMismatch", `${where}: ${path} sum ${sum} differs from the entries`);
  };
  check("TtlNtries", entries);
  check("TtlCdtNtries", entries.filter((e) => e.creditDebit === "CRDT"));
  check("TtlDbtNtries", entries.filter((e) => e.creditDebit === "DBIT"));
}

/**
 * A stable key for one entry, for recording a match exactly once: re-importing the same
 * statement gives the same keys. The bank's AcctSvcrRef alone is not enough (PostFinance's
 * sample uses one reference for two entries), so the key is the account, the statement id,
 * the entry's position and its own fields.
 */
export function statementEntryKey(statement: Pick<TStatement, "id" | "account">, entry: TStatementEntry): string {
  const fields = [statement.account.iban ?? statement.account.other ?? "", statement.id, entry.index, entry.amount, entry.currency, entry.creditDebit, entry.bookingDate ?? "", entry.accountServicerRef ?? "", entry.entryRef ?? ""];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** Parses a whole statement file; throws StatementFileError (code + detail) when it must be refused. */
export async function parseStatement(source: TStatementSource): Promise<TStatementMessage> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  let docDepth = -1; // depth of <Document> in the path
  let format = "";
  let names: readonly [string, string] = MESSAGE["camt.053"];
  let messageId = "";
  let createdAt: string | undefined;
  const statements: TStatement[] = [];
  let stmtParts: XmlNode[] | null = null;
  let entries: TStatementEntry[] = [];
  let stack: XmlNode[] = [];
  let subtreeChars = 0;
  let rootClosed = false;
  let skipDepth = -1; // inside an envelope's <AppHdr>: not ours to read
  const where = () => `statement ${statements.length + 1}`;

  parser.on("opentag", (tag) => {
    const name = tag.local;
    if (path.length === 0 && rootClosed) throw new StatementFileError("malformed", `a second root element <${name}>`);
    const depth = path.length;
    path.push(name);
    if (skipDepth !== -1) return;
    if (docDepth === -1) {
      // The root, or an envelope's child (AppHdr beside Document): find the camt <Document>.
      if (name === "Document") {
        const m = NS.exec(tag.uri ?? "");
        if (!m) throw new StatementFileError("wrongFormat", `<Document> in namespace "${(tag.uri ?? "").slice(0, 80)}", not camt.053 or camt.054`);
        if (!SUPPORTED.has(m[2]!)) throw new StatementFileError("unsupportedVersion", `${m[1]}.001.${m[2]} is not supported`);
        format = `${m[1]}.001.${m[2]}`;
        names = MESSAGE[m[1] as keyof typeof MESSAGE];
        docDepth = depth;
      } else if (depth >= 1 && name === "AppHdr") {
        skipDepth = depth;
      } else if (depth >= 1) {
        throw new StatementFileError("wrongFormat", `<${name}> where a camt <Document> was expected`);
      }
      return;
    }
    const node: XmlNode = { name, attrs: attrsOf(tag), children: [], text: "" };
    const rel = depth - docDepth; // 1: BkToCstmrStmt, 2: GrpHdr / Stmt, 3: a statement's parts
    if (stack.length > 0) {
      stack[stack.length - 1]!.children.push(node);
      stack.push(node);
    } else if (rel === 1) {
      if (name !== names[0]) throw new StatementFileError("wrongFormat", `<${name}>, expected <${names[0]}>`);
    } else if (rel === 2 && name === names[1]) {
      stmtParts = [];
      entries = [];
    } else if (rel === 2 || (rel === 3 && stmtParts)) {
      stack = [node];
      subtreeChars = 0;
    }
  });
  const onText = (t: string) => {
    const node = stack[stack.length - 1];
    if (!node) return;
    node.text += t;
    subtreeChars += t.length;
    if (subtreeChars > MAX_SUBTREE_CHARS) throw new StatementFileError("tooLarge", `${where()}: an element over 4 MB`);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    path.pop();
    if (path.length === 0) rootClosed = true;
    if (skipDepth !== -1) {
      if (path.length === skipDepth) skipDepth = -1;
      return;
    }
    if (stack.length > 0) {
      const node = stack.pop()!;
      if (stack.length > 0) return;
      if (node.name === "GrpHdr" && !stmtParts) {
        messageId = textOf(node, "MsgId");
        createdAt = textOf(node, "CreDtTm") || undefined;
      } else if (node.name === "Ntry" && stmtParts) {
        entries.push(entryOf(node, entries.length, `${where()} entry ${entries.length + 1}`));
      } else if (stmtParts) {
        stmtParts.push(node);
      }
    } else if (tag.local === names[1] && stmtParts && path.length - docDepth === 2) {
      statements.push(statementOf(stmtParts, entries, where()));
      stmtParts = null;
    }
  });

  let decoder: TextDecoder | undefined;
  let total = 0;
  const feed = (text: string) => {
    try {
      parser.write(text);
    } catch (e) {
      if (e instanceof StatementFileError) throw e;
      throw new StatementFileError("malformed", `not well-formed XML (${e instanceof Error ? e.message : String(e)})`);
    }
  };
  for await (const chunk of chunksOf(source)) {
    if (chunk.length === 0) continue;
    if (typeof chunk === "string") {
      if (total === 0 && !/^\s*</.test(chunk)) throw new StatementFileError("wrongFormat", "not an XML file");
      total += chunk.length;
      feed(chunk);
      continue;
    }
    if (!decoder) {
      if (chunk.subarray(0, 4096).includes(0)) throw new StatementFileError("wrongFormat", "binary data, not an XML file");
      decoder = new TextDecoder("utf-8", { fatal: true });
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new StatementFileError("encoding", `not valid UTF-8 near byte ${total}`);
    }
    if (total === 0 && !/^\s*</.test(text.replace(/^\ufeff/, ""))) throw new StatementFileError("wrongFormat", "not an XML file");
    total += chunk.length;
    feed(text);
  }
  if (total === 0) throw new StatementFileError("empty", "the file is empty");
  if (decoder) {
    try {
      feed(decoder.decode());
    } catch (e) {
      if (e instanceof StatementFileError) throw e;
      throw new StatementFileError("truncated", "the file ends inside a character");
    }
  }
  if (!rootClosed) throw new StatementFileError("truncated", `the file ends inside <${path.join("/")}>`);
  try {
    parser.close();
  } catch (e) {
    throw new StatementFileError("truncated", `the file ends before the XML is complete (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!format) throw new StatementFileError("wrongFormat", "no camt.053 or camt.054 <Document>");
  if (!messageId) throw new StatementFileError("missingField", "no <GrpHdr><MsgId>");
  if (statements.length === 0) throw new StatementFileError("empty", `no <${names[1]}> in the file`);
  return { format, messageId, createdAt, statements };
}
