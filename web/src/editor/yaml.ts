import { isObject, type Json, type JsonObject } from "./specTree";

// The spec as YAML in the editor's side panel, both ways, with no YAML library: the dashboard adds no runtime
// dependency, and a spec uses a small part of YAML. The writer emits block YAML that YAML 1.2 readers (the service's
// YamlDotNet among them) read back to the same JSON. The reader takes what people write specs in (block mappings and
// lists, flow [..] and {..} over one or more lines, plain and quoted scalars, comments, one optional ---) and types plain
// scalars as the service's reader does (YAML 1.2 core schema: src/Failover.Core/Spec/Syntax/YamlSyntaxReader.cs).
// What it does not read it refuses with the line and column, never reads differently: anchors and aliases (the service
// refuses them too), block scalars (| and >), tags other than !!str, quoted text over several lines, complex keys,
// and more than one document.

/** A YAML text the reader refuses, where: 1-based line and column. */
export class YamlError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

// ---- Writing ------------------------------------------------------------------------------------------------------

const lineWidth = 100;

/** The value as block YAML (a list of scalars short enough on one line as [a, b]), ending with a newline. */
export function toYaml(value: Json): string {
  if ((isObject(value) && Object.keys(value).length > 0) || (Array.isArray(value) && !fitsFlow(value, 0))) {
    return `${blockLines(value, 0).join("\n")}\n`;
  }
  return `${inline(value)}\n`;
}

function blockLines(value: JsonObject | Json[], indent: number): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isBlock(item, indent + 2)) {
        // "- " then the item's first line; its other lines stay indented under it.
        const inner = blockLines(item as JsonObject | Json[], indent + 2);
        out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      } else out.push(`${pad}- ${inline(item)}`);
    }
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    const name = `${pad}${scalar(key, false)}:`;
    if (isBlock(item, indent + 2)) out.push(name, ...blockLines(item as JsonObject | Json[], indent + 2));
    else out.push(`${name} ${inline(item)}`);
  }
  return out;
}

/** A non-empty mapping, or a list that is not a short list of scalars. */
function isBlock(value: Json, indent: number): boolean {
  if (isObject(value)) return Object.keys(value).length > 0;
  return Array.isArray(value) && !fitsFlow(value, indent);
}

function fitsFlow(list: Json[], indent: number): boolean {
  return list.every((item) => !isObject(item) && !Array.isArray(item)) && indent + inline(list).length <= lineWidth;
}

function inline(value: Json): string {
  if (Array.isArray(value)) return `[${value.map((item) => (Array.isArray(item) || isObject(item) ? inline(item) : scalar(item, true))).join(", ")}]`;
  if (isObject(value)) return Object.keys(value).length === 0 ? "{}" : `{ ${Object.entries(value).map(([k, v]) => `${scalar(k, true)}: ${inline(v)}`).join(", ")} }`;
  return scalar(value, false);
}

// Plain text a YAML reader would take for something else: null, booleans (YAML 1.2's, and YAML 1.1's yes/no/on/off that
// older readers still apply), numbers (1.2's decimal, hex, octal, floats, .inf and .nan; 1.1's 1_000).
const notText = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const numeric = /^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function scalar(value: Json, flow: boolean): string {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value !== "string") return inline(value);
  return plainSafe(value, flow) ? value : doubleQuoted(value);
}

/** JSON's escaping, which YAML's double quotes read the same, and \u for what YAML does not print raw. */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Whether `text` reads back as the same string written plain (else it is written in double quotes, as JSON escapes). */
function plainSafe(text: string, flow: boolean): boolean {
  if (text === "" || text !== text.trim() || notText.test(text) || numeric.test(text)) return false;
  // An indicator first would start something else: a list item, a key, a flow collection, a comment, an anchor, a tag...
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) return false;
  if (text.includes(": ") || text.includes(" #") || text.endsWith(":")) return false;
  // A quote after ", " or ": " would start quoted text to a reader (and to the comment scan here).
  if (text.includes("'") || text.includes('"')) return false;
  return !(flow && /[,[\]{}:]/.test(text));
}

// ---- Reading ------------------------------------------------------------------------------------------------------

interface Line {
  /** 1-based line number. */
  number: number;
  /** Spaces before the text. */
  indent: number;
  /** The line without its indentation and comment. */
  text: string;
  /** 1-based column of text[0]. */
  column: number;
}

/** Reads a YAML text as JSON, or throws a YamlError naming the line and column. */
export function parseYaml(source: string): Json {
  const lines = significantLines(source);
  if (lines.length === 0) throw new YamlError("the document is empty", 1, 1);
  const reader = new BlockReader(lines);
  try {
    return reader.document();
  } catch (error) {
    if (error instanceof RangeError) throw new YamlError("the document nests too deeply", lines[0]!.number, 1);
    throw error;
  }
}

function fail(line: Line, index: number, reason: string): YamlError {
  return new YamlError(reason, line.number, line.column + index);
}

/** Lines with content, without comments, the --- and ... markers checked. */
function significantLines(source: string): Line[] {
  const raw = source.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const out: Line[] = [];
  let started = false;
  let ended = false;
  raw.forEach((whole, n) => {
    const indent = /^ */.exec(whole)![0].length;
    const line: Line = { number: n + 1, indent, text: "", column: indent + 1 };
    line.text = withoutComment(whole.slice(indent), line).trimEnd();
    if (line.text === "") return;
    if (line.text[0] === "\t") throw fail(line, 0, "a tab indents this line: YAML indents with spaces");
    if (indent === 0 && /^---(?:\s|$)/.test(line.text)) {
      if (started || ended) throw fail(line, 0, "the spec is a single YAML document: remove this ---");
      started = true;
      if (line.text.slice(3).trim() !== "") throw fail(line, 4, "start the document on the line after ---");
      return;
    }
    if (indent === 0 && /^\.\.\.(?:\s|$)/.test(line.text)) {
      ended = true;
      return;
    }
    if (ended) throw fail(line, 0, "the spec is a single YAML document: nothing may follow ...");
    if (indent === 0 && line.text[0] === "%") throw fail(line, 0, "YAML directives (%) are not supported");
    started = true;
    out.push(line);
  });
  return out;
}

/** The text before a comment: # at the start or after a space, not inside quotes. */
function withoutComment(text: string, line: Line): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === '"') {
      if (c === "\\") i++;
      else if (c === '"') quote = null;
    } else if (quote === "'") {
      if (c === "'" && text[i + 1] === "'") i++;
      else if (c === "'") quote = null;
    } else if (c === "#" && (i === 0 || text[i - 1] === " " || text[i - 1] === "\t")) {
      return text.slice(0, i);
    } else if ((c === '"' || c === "'") && quoteStarts(text, i)) {
      quote = c;
    }
  }
  if (quote) throw fail(line, text.lastIndexOf(quote), `the quoted text does not end on this line: add the closing ${quote} (the editor reads quoted text on one line)`);
  return text;
}

/** A quote starts quoted text where a value can start: first, or after "- ", ": ", "[", "{" or "," (spaces between). */
function quoteStarts(text: string, at: number): boolean {
  let j = at - 1;
  const spaced = j >= 0 && text[j] === " ";
  while (j >= 0 && text[j] === " ") j--;
  if (j < 0) return true;
  const before = text[j]!;
  return before === "[" || before === "{" || before === "," || ((before === ":" || before === "-" || before === "?") && spaced);
}

function spaces(count: number): string {
  return count === 1 ? "1 space" : `${count} spaces`;
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** The key of a "key: value" line and where its value starts, or null when the line is not one. */
function keyOf(line: Line): { key: string; valueAt: number } | null {
  const text = line.text;
  if (text === "?" || text.startsWith("? ")) throw fail(line, 0, "complex mapping keys (? key) are not supported");
  let key: string;
  let colon: number;
  if (text[0] === '"' || text[0] === "'") {
    const quoted = readQuoted(text, 0, line);
    colon = quoted.end;
    while (text[colon] === " ") colon++;
    if (text[colon] !== ":" || (colon + 1 < text.length && text[colon + 1] !== " ")) return null;
    key = quoted.value;
  } else {
    if (/^[[{]/.test(text)) return null;
    const match = /:(?: |$)/.exec(text);
    if (!match) return null;
    colon = match.index;
    key = text.slice(0, colon).trimEnd();
    if (key === "") throw fail(line, 0, "the key is missing before the colon");
    if (/^[&*!|>@`%]/.test(key)) throw fail(line, 0, `a key starting with ${key[0]} (an anchor, alias, tag or reserved indicator) is not supported`);
  }
  let valueAt = colon + 1;
  while (text[valueAt] === " ") valueAt++;
  return { key, valueAt };
}

/** Sets a member as JSON.parse does: "__proto__" is an ordinary key. */
function put(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class BlockReader {
  private i = 0;

  constructor(private readonly lines: Line[]) {}

  document(): Json {
    const value = this.node();
    const rest = this.lines[this.i];
    if (rest) throw fail(rest, 0, "this line is indented less than the first line of the document");
    return value;
  }

  /** The node whose first line is the current one: a list, a mapping, or a value on its own. */
  private node(): Json {
    const line = this.lines[this.i]!;
    if (isItem(line.text)) return this.sequence(line.indent);
    if (keyOf(line)) return this.mapping(line.indent);
    return this.inline(line, 0);
  }

  private mapping(indent: number): JsonObject {
    const out: JsonObject = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw fail(line, 0, `this line is indented ${spaces(line.indent)}, its mapping's keys ${spaces(indent)}`);
      if (isItem(line.text)) throw fail(line, 0, "a list item where a key was expected: indent the list under its key");
      const key = keyOf(line);
      if (!key) throw fail(line, 0, "expected key: value");
      // The service refuses a key given twice (the spec would be ambiguous); so does the editor.
      if (Object.prototype.hasOwnProperty.call(out, key.key)) throw fail(line, 0, `${key.key} is given twice in this mapping`);
      if (key.valueAt < line.text.length) {
        put(out, key.key, this.inline(line, key.valueAt));
        continue;
      }
      this.i++;
      const next = this.lines[this.i];
      if (next && next.indent > indent) put(out, key.key, this.node());
      else if (next && next.indent === indent && isItem(next.text)) put(out, key.key, this.sequence(indent));
      else put(out, key.key, null);
    }
    return out;
  }

  private sequence(indent: number): Json[] {
    const out: Json[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw fail(line, 0, `this line is indented ${spaces(line.indent)}, its list's items ${spaces(indent)}`);
      if (!isItem(line.text)) break;
      let at = 1;
      while (line.text[at] === " ") at++;
      if (at >= line.text.length) {
        this.i++;
        const next = this.lines[this.i];
        out.push(next && next.indent > indent ? this.node() : null);
        continue;
      }
      // "- value": the value read as a line of its own, indented to where it starts, so the lines under it continue it.
      this.lines[this.i] = { number: line.number, indent: line.indent + at, text: line.text.slice(at), column: line.column + at };
      out.push(this.node());
    }
    return out;
  }

  /** A value starting at text[at] of the line: a flow collection (which may go on over lines) or a scalar. */
  private inline(line: Line, at: number): Json {
    const text = line.text;
    const first = text[at]!;
    if (first === "[" || first === "{") {
      const flow = new FlowReader(this.lines, this.i, at);
      const value = flow.value();
      flow.end();
      this.i = flow.lineIndex + 1;
      return value;
    }
    this.i++;
    const rest = text.slice(at);
    if (rest.startsWith("!!str ") || rest === "!!str") {
      const after = rest.slice(5).trimStart();
      return after === "" ? "" : after[0] === '"' || after[0] === "'" ? this.quotedAlone(line, text.length - after.length) : this.plain(line, text.length - after.length, false);
    }
    if (first === '"' || first === "'") return this.quotedAlone(line, at);
    if (first === "|" || first === ">") throw fail(line, at, "block scalars (| and >) are not supported: write the text in quotes on one line");
    if (first === "&" || first === "*") throw fail(line, at, "YAML anchors and aliases (&name, *name) are not supported; write the value out");
    if (first === "!") throw fail(line, at, "YAML tags are not supported (except !!str)");
    if (first === "@" || first === "`" || first === "%") throw fail(line, at, `${first} is reserved in YAML: quote the value`);
    if (isItem(rest)) throw fail(line, at, "a list cannot start on its key's line: put its items on the lines below");
    return this.plain(line, at, true);
  }

  private quotedAlone(line: Line, at: number): string {
    const quoted = readQuoted(line.text, at, line);
    if (line.text.slice(quoted.end).trim() !== "") throw fail(line, quoted.end, "unexpected text after the quoted value");
    return quoted.value;
  }

  private plain(line: Line, at: number, typedValue: true): Json;
  private plain(line: Line, at: number, typedValue: false): string;
  private plain(line: Line, at: number, typedValue: boolean): Json {
    const text = line.text.slice(at);
    const colon = text.indexOf(": ");
    if (colon >= 0) throw fail(line, at + colon, "a colon and a space inside a value: quote the value (or put the mapping on the lines below)");
    const next = this.lines[this.i];
    if (next && next.indent > line.indent && !this.continues(next))
      throw fail(next, 0, "a value goes on over lines: write it on one line, or in quotes");
    return typedValue ? typed(text) : text;
  }

  /** Whether a more indented line after a plain value is something else's (a mapping key or list item under it). */
  private continues(next: Line): boolean {
    return isItem(next.text) || keyOf(next) !== null;
  }
}

/** Reads [..] and {..} over one or more lines. */
class FlowReader {
  private column: number;

  constructor(private readonly lines: Line[], public lineIndex: number, at: number) {
    this.column = at;
  }

  private get line(): Line {
    return this.lines[this.lineIndex]!;
  }

  /** The next character, "\n" at the end of a line. */
  private peek(): string {
    return this.line.text[this.column] ?? "\n";
  }

  private error(reason: string): YamlError {
    return fail(this.line, this.column, reason);
  }

  private space(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.column++;
      else if (c === "\n" && this.lineIndex + 1 < this.lines.length) {
        this.lineIndex++;
        this.column = 0;
      } else return;
    }
  }

  value(): Json {
    this.space();
    const c = this.peek();
    if (c === "[") return this.sequence();
    if (c === "{") return this.mapping();
    if (c === '"' || c === "'") {
      const quoted = readQuoted(this.line.text, this.column, this.line);
      this.column = quoted.end;
      return quoted.value;
    }
    if (c === "\n") throw this.error("the list or mapping is not closed");
    if (c === "&" || c === "*") throw this.error("YAML anchors and aliases (&name, *name) are not supported; write the value out");
    if ("!|>@`%".includes(c)) throw this.error(`${c} cannot start a value here: quote the value`);
    const text = this.plain();
    if (text === "") throw this.error(c === "," ? "a value is missing before this comma" : "a value is missing");
    return typed(text);
  }

  /** A plain scalar inside [..] or {..}: up to a comma, a bracket, or a colon that ends a key. */
  private plain(): string {
    const text = this.line.text;
    const start = this.column;
    let j = start;
    while (j < text.length) {
      const c = text[j]!;
      if (c === "," || c === "]" || c === "}" || c === "[" || c === "{") break;
      if (c === ":" && (j + 1 >= text.length || /[\s,[\]{}]/.test(text[j + 1]!))) break;
      j++;
    }
    this.column = j;
    return text.slice(start, j).trim();
  }

  private sequence(): Json[] {
    this.column++;
    const out: Json[] = [];
    for (;;) {
      this.space();
      if (this.peek() === "]") {
        this.column++;
        return out;
      }
      out.push(this.value());
      this.space();
      const c = this.peek();
      if (c === ",") this.column++;
      else if (c === "]") {
        this.column++;
        return out;
      } else if (c === ":") throw this.error("a key: value inside [ ]: write a mapping as { key: value }");
      else throw this.error(c === "\n" ? "the list is not closed: ] is missing" : `expected , or ] here, not ${c}`);
    }
  }

  private mapping(): JsonObject {
    this.column++;
    const out: JsonObject = {};
    for (;;) {
      this.space();
      const c = this.peek();
      if (c === "}") {
        this.column++;
        return out;
      }
      const where = { line: this.line, column: this.column };
      let key: string;
      if (c === '"' || c === "'") {
        const quoted = readQuoted(this.line.text, this.column, this.line);
        this.column = quoted.end;
        key = quoted.value;
      } else if (c === "[" || c === "{" || c === "\n") {
        throw this.error(c === "\n" ? "the mapping is not closed: } is missing" : "complex mapping keys are not supported");
      } else {
        key = this.plain();
        if (key === "") throw this.error("a key is missing");
      }
      if (Object.prototype.hasOwnProperty.call(out, key)) throw fail(where.line, where.column, `${key} is given twice in this mapping`);
      this.space();
      let value: Json = null;
      if (this.peek() === ":") {
        this.column++;
        this.space();
        const next = this.peek();
        if (next !== "," && next !== "}") value = this.value();
      }
      put(out, key, value);
      this.space();
      const d = this.peek();
      if (d === ",") this.column++;
      else if (d === "}") {
        this.column++;
        return out;
      } else throw this.error(d === "\n" ? "the mapping is not closed: } is missing" : `expected , or } here, not ${d}`);
    }
  }

  /** Nothing may follow the closing bracket on its line. */
  end(): void {
    while (this.peek() === " ") this.column++;
    if (this.line.text.slice(this.column).trim() !== "") throw this.error("unexpected text after the closing bracket");
  }
}

const escapes: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b", " ": " ", '"': '"', "/": "/",
  "\\": "\\", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029",
};

/** Quoted text starting at text[at] ("…" with YAML's escapes, or '…' with '' for a quote), on one line. */
function readQuoted(text: string, at: number, line: Line): { value: string; end: number } {
  const quote = text[at]!;
  let out = "";
  let j = at + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (quote === "'") {
      if (c === "'" && text[j + 1] === "'") {
        out += "'";
        j += 2;
        continue;
      }
      if (c === "'") return { value: out, end: j + 1 };
      out += c;
      j++;
      continue;
    }
    if (c === '"') return { value: out, end: j + 1 };
    if (c === "\\") {
      const kind = text[j + 1] ?? "";
      const simple = escapes[kind];
      if (simple !== undefined) {
        out += simple;
        j += 2;
        continue;
      }
      const digits = kind === "x" ? 2 : kind === "u" ? 4 : kind === "U" ? 8 : 0;
      const hex = text.slice(j + 2, j + 2 + digits);
      const code = digits && /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : -1;
      if (code < 0 || code > 0x10ffff) throw fail(line, j, `\\${kind} is not an escape YAML knows`);
      out += String.fromCodePoint(code);
      j += 2 + digits;
      continue;
    }
    out += c;
    j++;
  }
  throw fail(line, at, `the quoted text does not end on this line: add the closing ${quote} (the editor reads quoted text on one line)`);
}

const decimal = /^[-+]?[0-9]+$/;
const float = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar typed as the service types it (YAML 1.2 core schema, as YamlSyntaxReader.Typed). */
function typed(text: string): Json {
  if (/^(?:|~|null|Null|NULL)$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (decimal.test(text) || /^0x[0-9a-fA-F]+$/.test(text) || float.test(text)) return Number(text);
  return text;
}
