import assert from "node:assert/strict";
import { test } from "node:test";
import { layout, outlineBox, treeBox } from "../../src/diagram/layout.ts";

// The complex example's shape: a failover root over a latency rule (two weighted groups) and an alias.
const node = (id, parentId, kind = "endpoint") => ({ id, parentId, kind, recordKind: "", recordName: "", detail: "", canFail: false });
const nodes = [
  node("site", null, "rule"),
  node("by-latency", "site", "rule"),
  node("us-east", "by-latency", "rule"),
  node("w1", "us-east"), node("w2", "us-east"), node("w3", "us-east"),
  node("ap", "by-latency", "rule"),
  node("a1", "ap"), node("a2", "ap"),
  node("sorry", "site", "alias"),
];

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("tree: every node placed once, parents before children, no two boxes overlap", () => {
  const laid = layout(nodes, "tree");
  assert.deepEqual(laid.nodes.map((p) => p.node.id), nodes.map((n) => n.id));
  for (let i = 0; i < laid.nodes.length; i++)
    for (let j = i + 1; j < laid.nodes.length; j++)
      assert.ok(!overlaps(laid.nodes[i], laid.nodes[j]), `${laid.nodes[i].node.id} overlaps ${laid.nodes[j].node.id}`);
  for (const p of laid.nodes) {
    assert.ok(p.x >= 0 && p.x + p.width <= laid.width, `${p.node.id} inside the width`);
    assert.ok(p.y >= 0 && p.y + p.height <= laid.height, `${p.node.id} inside the height`);
  }
});

test("tree: levels by depth, leaves side by side, each rule centred over its children", () => {
  const laid = layout(nodes, "tree");
  const at = Object.fromEntries(laid.nodes.map((p) => [p.node.id, p]));
  assert.equal(at["w1"].y, 3 * (treeBox.height + treeBox.level));
  assert.equal(at["sorry"].y, treeBox.height + treeBox.level);
  const leaves = ["w1", "w2", "w3", "a1", "a2", "sorry"].map((id) => at[id].x);
  // Side by side with a gap between neighbours, so labels and edges stay readable.
  leaves.slice(1).forEach((x, i) => assert.equal(x - leaves[i], treeBox.width + treeBox.gap));
  assert.equal(at["us-east"].x, (at["w1"].x + at["w3"].x) / 2);
  assert.equal(at["site"].x, (at["by-latency"].x + at["sorry"].x) / 2);
  assert.equal(laid.connectors.length, nodes.length - 1);
  assert.ok(laid.connectors.every((c) => c.from.node.id === c.to.node.parentId));
});

test("outline: one row per node in tree order, indented by depth, within the width given", () => {
  const laid = layout(nodes, "outline", 360);
  assert.deepEqual(laid.nodes.map((p) => p.node.id), nodes.map((n) => n.id));
  assert.deepEqual(laid.nodes.map((p) => p.x / outlineBox.indent), [0, 1, 2, 3, 3, 3, 2, 3, 3, 1]);
  laid.nodes.forEach((p, i) => assert.equal(p.y, i * (outlineBox.height + outlineBox.gap)));
  assert.ok(laid.width <= 360);
  assert.ok(laid.nodes.every((p) => p.x + p.width <= 360));
});

test("no nodes, no drawing", () => {
  assert.deepEqual(layout([], "tree"), { mode: "tree", nodes: [], connectors: [], width: 0, height: 0 });
});
