// A line diff (Myers' O((N+M)·D) algorithm) between two texts, and its grouping into hunks with context, as
// `diff -u` shows them. Common leading and trailing lines are set aside first: versions of a spec mostly differ in a
// few places, so the search runs on a small middle.

export type Op = "same" | "del" | "add";

export interface DiffLine {
  op: Op;
  text: string;
  /** 1-based line numbers in the old (a) and new (b) text. */
  a?: number;
  b?: number;
}

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = oldText.split("\n");
  const b = newText.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const result: DiffLine[] = [];
  for (let i = 0; i < start; i++) result.push({ op: "same", text: a[i]!, a: i + 1, b: i + 1 });
  for (const line of myers(a.slice(start, endA), b.slice(start, endB))) {
    result.push({
      op: line.op,
      text: line.text,
      a: line.a === undefined ? undefined : line.a + start,
      b: line.b === undefined ? undefined : line.b + start,
    });
  }
  for (let i = endA; i < a.length; i++) result.push({ op: "same", text: a[i]!, a: i + 1, b: i - endA + endB + 1 });
  return result;
}

function myers(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from the end to recover the edit script.
  const lines: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      lines.push({ op: "same", text: a[x]!, a: x + 1, b: y + 1 });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      lines.push({ op: "add", text: b[y]!, b: y + 1 });
    } else {
      x--;
      lines.push({ op: "del", text: a[x]!, a: x + 1 });
    }
  }
  return lines.reverse();
}

export interface Hunk {
  aStart: number;
  bStart: number;
  lines: DiffLine[];
}

/** The changed lines with `context` unchanged lines around each change; empty when the texts are equal. */
export function hunks(lines: DiffLine[], context = 3): Hunk[] {
  const changed = lines.map((line, index) => (line.op === "same" ? -1 : index)).filter((index) => index >= 0);
  const result: Hunk[] = [];
  let current: { from: number; to: number } | null = null;
  const ranges: { from: number; to: number }[] = [];
  for (const index of changed) {
    const from = Math.max(0, index - context);
    const to = Math.min(lines.length - 1, index + context);
    if (current && from <= current.to + 1) current.to = to;
    else {
      current = { from, to };
      ranges.push(current);
    }
  }
  for (const { from, to } of ranges) {
    const slice = lines.slice(from, to + 1);
    const firstA = slice.find((line) => line.a !== undefined)?.a ?? 0;
    const firstB = slice.find((line) => line.b !== undefined)?.b ?? 0;
    result.push({ aStart: firstA, bStart: firstB, lines: slice });
  }
  return result;
}
