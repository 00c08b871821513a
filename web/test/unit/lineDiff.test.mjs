import assert from "node:assert/strict";
import { test } from "node:test";
import { diffLines, hunks } from "../../src/diff/lineDiff.ts";

const lines = (...texts) => texts.join("\n");
const render = (diff) => diff.map((line) => `${line.op === "add" ? "+" : line.op === "del" ? "-" : " "}${line.text}`);

test("equal texts have no changes and no hunks", () => {
  const diff = diffLines(lines("a", "b"), lines("a", "b"));
  assert.deepEqual(render(diff), [" a", " b"]);
  assert.deepEqual(hunks(diff), []);
});

test("a changed line is one removal and one addition, in place", () => {
  const diff = diffLines(lines("a", "b", "c"), lines("a", "B", "c"));
  assert.deepEqual(render(diff), [" a", "-b", "+B", " c"]);
  assert.deepEqual(diff.map((line) => [line.a, line.b]), [[1, 1], [2, undefined], [undefined, 2], [3, 3]]);
});

test("insertions and deletions anywhere keep every other line, numbered in both texts", () => {
  const oldText = lines("x", "a", "b", "c", "d", "e");
  const newText = lines("a", "b", "n1", "c", "e", "n2");
  const diff = diffLines(oldText, newText);
  assert.deepEqual(render(diff), ["-x", " a", " b", "+n1", " c", "-d", " e", "+n2"]);
  // Reading only one side back gives that side's text.
  assert.equal(diff.filter((l) => l.op !== "add").map((l) => l.text).join("\n"), oldText);
  assert.equal(diff.filter((l) => l.op !== "del").map((l) => l.text).join("\n"), newText);
  for (const line of diff) {
    if (line.a !== undefined) assert.equal(oldText.split("\n")[line.a - 1], line.text);
    if (line.b !== undefined) assert.equal(newText.split("\n")[line.b - 1], line.text);
  }
});

test("the edit script is minimal: Myers finds the shortest", () => {
  const diff = diffLines(lines("a", "b", "c", "a", "b", "b", "a"), lines("c", "b", "a", "b", "a", "c"));
  assert.equal(diff.filter((line) => line.op !== "same").length, 5);
});

test("one side empty is all additions or all removals", () => {
  assert.deepEqual(render(diffLines("", lines("a", "b"))), ["-", "+a", "+b"]);
  assert.deepEqual(render(diffLines(lines("a", "b"), "")), ["-a", "-b", "+"]);
});

test("hunks keep three lines of context and merge changes that are close", () => {
  const oldText = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
  const newText = [...oldText];
  newText[4] = "five";
  newText[8] = "nine";
  newText[25] = "twenty-six";
  const parts = hunks(diffLines(oldText.join("\n"), newText.join("\n")));
  assert.equal(parts.length, 2);
  assert.deepEqual([parts[0].aStart, parts[0].bStart], [2, 2]);
  assert.equal(parts[0].lines.length, 3 + 2 + 3 + 2 + 3);
  assert.deepEqual([parts[1].aStart, parts[1].lines.length], [23, 3 + 2 + 3]);
});
