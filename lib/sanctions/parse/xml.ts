// Streaming XML: saxes fed chunk by chunk; only one record's subtree (<sanctionEntity>, <INDIVIDUAL>…)
// is held at a time. Truncation = input ends with open elements; wrong root = wrong format.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { ListFormatError, type ListFile } from "../types";
import { decodeFile, firstSignificant } from "./decode";
import { collapse } from "./text";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export interface XmlHeader {
  root: string;
  rootAttrs: Record<string, string>;
  /** Text of leaf elements outside records, by path without the root ("publshInformation/Publish_Date"). */
  texts: Map<string, string>;
  records: number;
}

export interface XmlOptions {
  /** What the parser expects, for error messages ("EU FSF xmlFullSanctionsList_1_1"). */
  format: string;
  root: string;
  /** Record element paths from the root, e.g. "export/sanctionEntity". */
  records: string[];
  /** A clearer message for a known other format's root (e.g. the EU legacy <WHOLE>). */
  explainRoot?: (root: string) => string | undefined;
}

const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}
export function kid(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}
/** Descendants by a slash path ("akaList/aka"). */
export function at(node: XmlNode | undefined, path: string): XmlNode[] {
  let level = node ? [node] : [];
  for (const step of path.split("/")) level = level.flatMap((n) => kids(n, step));
  return level;
}
/** Collapsed text of the first child with that name ("" when absent). */
export function textOf(node: XmlNode | undefined, name: string): string {
  return collapse(kid(node, name)?.text);
}

function attrsOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === "xmlns" || a.name === "xmlns") continue;
    out[a.local] = a.value;
  }
  return out;
}

/** Yields each record subtree; returns the header (root attributes, texts outside records). */
export async function* xmlRecords(file: ListFile, options: XmlOptions): AsyncGenerator<XmlNode, XmlHeader> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const recordPaths = new Set(options.records);
  const recordNames = new Set(options.records.map((r) => r.split("/").pop()));
  const path: string[] = [];
  const header: XmlHeader = { root: "", rootAttrs: {}, texts: new Map(), records: 0 };
  const ready: XmlNode[] = [];
  let stack: XmlNode[] = []; // the record being built, outermost first
  const top = (): XmlNode | undefined => stack[stack.length - 1];
  let recordChars = 0;
  let leafText = "";
  let rootClosed = false;

  parser.on("xmldecl", (decl) => {
    const enc = (decl.encoding ?? "utf-8").toLowerCase();
    if (enc !== "utf-8" && enc !== "utf8") throw new ListFormatError("encoding", `${file.name}: declared encoding ${decl.encoding} is not supported (UTF-8 expected)`);
  });
  parser.on("opentag", (tag) => {
    const name = tag.local;
    if (path.length === 0) {
      if (rootClosed) throw new ListFormatError("malformed", `${file.name}: a second root element <${name}>`);
      if (name !== options.root) {
        const why = options.explainRoot?.(name) ?? `root element <${name}>, expected <${options.root}>`;
        throw new ListFormatError("wrong-format", `${file.name} is not ${options.format}: ${why}`);
      }
      header.root = name;
      header.rootAttrs = attrsOf(tag);
    }
    path.push(name);
    leafText = "";
    const parent = top();
    if (parent) {
      const node: XmlNode = { name, attrs: attrsOf(tag), children: [], text: "" };
      parent.children.push(node);
      stack.push(node);
    } else if (recordPaths.has(path.join("/"))) {
      stack = [{ name, attrs: attrsOf(tag), children: [], text: "" }];
      recordChars = 0;
    } else if (recordNames.has(name)) {
      // A record where none is expected would be skipped: refuse the file instead.
      throw new ListFormatError("malformed", `${file.name}: <${name}> at ${path.join("/")}, expected ${options.records.join(" or ")}`);
    }
  });
  const onText = (t: string) => {
    const node = top();
    if (node) {
      node.text += t;
      recordChars += t.length;
      if (recordChars > MAX_RECORD_CHARS) throw new ListFormatError("malformed", `${file.name}: a <${stack[0]?.name}> record is larger than 16 MB`);
    } else if (path.length > 1) {
      leafText += t;
    }
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    if (stack.length > 0) {
      const node = stack.pop()!;
      if (stack.length === 0) {
        header.records++;
        ready.push(node);
      }
    } else if (path.length > 1) {
      const key = path.slice(1).join("/");
      const t = collapse(leafText);
      if (t && !header.texts.has(key)) header.texts.set(key, t.slice(0, 1000));
    }
    leafText = "";
    path.pop();
    if (path.length === 0) rootClosed = true;
  });

  const fail = (e: unknown, atEnd: boolean): never => {
    if (e instanceof ListFormatError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (atEnd) throw new ListFormatError("truncated", `${file.name}: the file ends before the XML is complete (${msg})`);
    throw new ListFormatError("malformed", `${file.name}: not well-formed XML (${msg})`);
  };

  const sniff = (first: Uint8Array) => {
    const b = firstSignificant(first);
    if (b !== -1 && b !== 0x3c) throw new ListFormatError("wrong-format", `${file.name} is not ${options.format}: not an XML file`);
  };
  let sawText = false;
  for await (const text of decodeFile(file, { encoding: "utf-8", sniff })) {
    if (!sawText && text.trim()) sawText = true;
    try {
      parser.write(text);
    } catch (e) {
      fail(e, false);
    }
    while (ready.length > 0) yield ready.shift()!;
  }
  if (!sawText) throw new ListFormatError("empty", `${file.name}: the file is empty`);
  if (!header.root) {
    try {
      parser.close();
    } catch (e) {
      fail(e, true);
    }
    throw new ListFormatError("truncated", `${file.name}: no root element`);
  }
  if (!rootClosed) fail(new Error(`<${path.join("/")}> is not closed`), true);
  try {
    parser.close();
  } catch (e) {
    fail(e, true);
  }
  if (header.records === 0) throw new ListFormatError("empty", `${file.name}: no ${options.records.map((r) => `<${r.split("/").pop()}>`).join(" or ")} records`);
  return header;
}

/** Maps each record of an XML stream to an entry; passes the header on as the return value. */
export async function* mapRecords<T, H>(gen: AsyncGenerator<XmlNode, XmlHeader>, toEntry: (node: XmlNode, index: number) => T, toHeader: (h: XmlHeader) => H): AsyncGenerator<T, H> {
  let index = 0;
  for (;;) {
    const r = await gen.next();
    if (r.done) return toHeader(r.value);
    yield toEntry(r.value, index++);
  }
}
