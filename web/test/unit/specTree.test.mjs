import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { addChild, changeRouting, nodePathOf, nodesOf, removeNode } from "../../src/editor/specTree.ts";
import { draftNodes } from "../../src/editor/draftDiagram.ts";

const complex = async () => JSON.parse(await readFile(new URL("../../../examples/complex.json", import.meta.url), "utf8"));

test("nodes are walked depth first with the service's JSON paths", async () => {
  const paths = nodesOf(await complex()).map((entry) => `${entry.path} ${entry.node.id}`);
  assert.deepEqual(paths.slice(0, 4), [
    "$.root site", "$.root.primary by-latency", "$.root.primary.children[0] us-east", "$.root.primary.children[0].children[0] use1-web1",
  ]);
  assert.equal(paths.at(-1), "$.root.secondary maintenance-page");
});

test("an error's path belongs to the deepest node it starts with; tree fields belong to none", async () => {
  const spec = await complex();
  assert.equal(nodePathOf(spec, "$.root.primary.children[0].children[1].weight"), "$.root.primary.children[0].children[1]");
  assert.equal(nodePathOf(spec, "$.root.primary.children[0].children[1].endpoint.values[0]"), "$.root.primary.children[0].children[1]");
  assert.equal(nodePathOf(spec, "$.root.primary.children[1]"), "$.root.primary.children[1]");
  assert.equal(nodePathOf(spec, "$.recordType"), null);
});

test("a latency rule made weighted keeps its children, each with a weight instead of a region", async () => {
  const spec = await complex();
  assert.deepEqual(changeRouting(spec, "$.root.primary", "weighted"), { path: "$.root.primary" });
  const children = spec.root.primary.children;
  assert.deepEqual(children.map((c) => [c.id, c.weight, c.region]), [["us-east", 1, undefined], ["ap-southeast", 1, undefined]]);
  assert.equal(Object.keys(children[0])[1], "weight");
  // And back to latency: distinct regions.
  changeRouting(spec, "$.root.primary", "latency");
  assert.deepEqual(spec.root.primary.children.map((c) => c.region), ["us-east-1", "eu-west-1"]);
});

test("a failover rule takes two nodes: three children cannot become one", async () => {
  const spec = await complex();
  const result = changeRouting(spec, "$.root.primary.children[0]", "failover");
  assert.match(result.error, /takes two nodes/);
  assert.equal(spec.root.primary.children[0].routing, "weighted");
});

test("a child is added with the attribute its parent's policy needs, and removed again", async () => {
  const spec = await complex();
  const added = addChild(spec, "$.root.primary.children[0]", "endpoint");
  assert.equal(added.path, "$.root.primary.children[0].children[3]");
  const leaf = spec.root.primary.children[0].children[3];
  assert.equal(leaf.id, "endpoint-1");
  assert.equal(leaf.weight, 1);
  assert.deepEqual(leaf.endpoint, { values: ["192.0.2.1"] });
  assert.match(addChild(spec, "$.root", "endpoint").error, /one primary and one secondary/);
  assert.deepEqual(removeNode(spec, added.path), { path: "$.root.primary.children[0]" });
  assert.equal(spec.root.primary.children[0].children.length, 3);
  assert.match(removeNode(spec, "$.root").error, /root/);
});

test("the draft is drawn with the diagram's node shape: ids, parents, records", async () => {
  const nodes = draftNodes(await complex());
  const web1 = nodes.find((n) => n.id === "use1-web1");
  assert.equal(web1.parentId, "us-east");
  assert.equal(web1.recordKind, "weighted record (w=10)");
  assert.equal(web1.canFail, true);
  assert.equal(nodes.find((n) => n.id === "us-east").region, "us-east-1");
  assert.equal(nodes.find((n) => n.id === "maintenance-page").edgeLabel, "secondary");
});
