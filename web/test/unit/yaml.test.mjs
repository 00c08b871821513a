import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";
import { parseYaml, toYaml, YamlError } from "../../src/editor/yaml.ts";

const examples = new URL("../../../examples/", import.meta.url);

function refused(text, line, column, reason) {
  assert.throws(() => parseYaml(text), (error) => {
    assert.ok(error instanceof YamlError, `${error}`);
    assert.deepEqual([error.line, error.column], [line, column], error.message);
    assert.match(error.reason, reason);
    return true;
  });
}

test("every example spec written as YAML reads back as the same JSON", async () => {
  const files = (await readdir(examples)).filter((file) => file.endsWith(".json"));
  assert.ok(files.length >= 5, files.join(", "));
  for (const file of files) {
    const spec = JSON.parse(await readFile(new URL(file, examples), "utf8"));
    const yaml = toYaml(spec);
    assert.deepEqual(parseYaml(yaml), spec, file);
    assert.equal(toYaml(parseYaml(yaml)), yaml, file);
  }
});

test("the YAML is block style, short lists of scalars on one line", async () => {
  const spec = JSON.parse(await readFile(new URL("www.json", examples), "utf8"));
  const yaml = toYaml(spec);
  assert.match(yaml, /^name: www$/m);
  assert.match(yaml, /^root:\n {2}id: /m);
  assert.match(yaml, /^ {6}- id: \S+\n {8}\S/m);
  assert.match(yaml, /values: \[[0-9.]+(, [0-9.]+)*\]$/m);
  assert.doesNotMatch(yaml, /\{ /);
});

test("geo.yaml, written by hand with flow mappings and comments, reads as the service reads it", async () => {
  const spec = parseYaml(await readFile(new URL("geo.yaml", examples), "utf8"));
  assert.equal(spec.$schema, "../schemas/tree.schema.json");
  assert.equal(spec.ttl, 60);
  assert.equal(spec.healthCheckDefaults.enableSni, true);
  assert.deepEqual(spec.root.children.map((child) => child.id), ["europe", "california", "japan", "everyone-else"]);
  assert.deepEqual(spec.root.children[1].location, { country: "US", subdivision: "CA" });
  assert.deepEqual(spec.root.children[1].endpoint.healthCheck, { regions: ["us-west-1", "us-west-2", "us-east-1"] });
  assert.deepEqual(spec.root.children[2].endpoint.healthCheck, { type: "HTTPS_STR_MATCH", searchString: "ok" });
  assert.deepEqual(spec.root.children[0].endpoint, { values: ["203.0.113.10"], healthCheck: {} });
  assert.deepEqual(spec.root.children[3].location, { default: true });
});

test("plain scalars are typed as the service's YAML 1.2 core schema types them", () => {
  const read = parseYaml([
    "a: 50", "b: \"50\"", "c: -7", "d: +3", "e: 0x1F", "f: 1.5e3", "g: .5", "h: true", "i: False", "j: ~", "k: null", "l:", "m: yes",
    "n: 0o17", "o: .inf", "p: 203.0.113.10", "q: 2001:db8::1", "r: '50'", "s: !!str 50", "t: 1_000", "u: it's", "v: a#b",
  ].join("\n"));
  assert.deepEqual(read, {
    a: 50, b: "50", c: -7, d: 3, e: 31, f: 1500, g: 0.5, h: true, i: false, j: null, k: null, l: null, m: "yes",
    n: "0o17", o: ".inf", p: "203.0.113.10", q: "2001:db8::1", r: "50", s: "50", t: "1_000", u: "it's", v: "a#b",
  });
});

test("strings that plain YAML would read as something else are quoted, and read back as the same strings", () => {
  const awkward = [
    "", " lead", "trail ", "50", "-1", "1.0", "1e3", "0x10", ".inf", "true", "False", "yes", "off", "null", "~", "-", "- x", "? x",
    "a: b", "a:", "#x", "a #b", "*", "&a", "!x", "|", ">", "@x", "`x", "%x", "[x", "{x", "x]", "a,b", "it's", "say \"hi\"",
    "line\nbreak", "tab\there", "é ü 日本", "\u2028", "\u0085", "back\\slash", "2001:db8::1", "US-CA", "continent:EU", "1_000", "---", "...",
  ];
  const document = { keys: Object.fromEntries(awkward.filter((text) => text !== "").map((text) => [text, text])), list: awkward, short: ["a,b", "c:d", "x"] };
  const yaml = toYaml(document);
  assert.deepEqual(parseYaml(yaml), document, yaml);
  assert.match(yaml, /short: \["a,b", "c:d", x\]/);
});

test("random JSON documents read back as written", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ["a", "b c", "1", "-", ":", "#", "'", "\"", "[", "}", ",", " ", "x: y", "é", "\\", "\n", "0x", "true", "null", "."];
  const text = () => Array.from({ length: Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
  const value = (depth) => {
    const pick = random();
    if (depth > 3 || pick < 0.45) {
      const scalar = random();
      return scalar < 0.5 ? text() : scalar < 0.7 ? Math.round((random() - 0.5) * 1e6) / 100 : scalar < 0.85 ? random() < 0.5 : null;
    }
    const size = Math.floor(random() * 4);
    if (pick < 0.7) return Array.from({ length: size }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: size }, (_, i) => [`${text()}${i}`, value(depth + 1)]));
  };
  for (let i = 0; i < 500; i++) {
    const document = { root: value(0) };
    const yaml = toYaml(document);
    assert.deepEqual(parseYaml(yaml), document, yaml);
  }
});

test("YAML as people write it: indented lists, lists at their key's indentation, flow over lines, quoted keys, ---", () => {
  const text = [
    "--- # the spec",
    "name: www   # a comment",
    "values:",
    "- 192.0.2.1",
    "- '192.0.2.2'",
    "\"quoted key\": x",
    "flow: [a, b,",
    "  c, { d: 1, e: [] }]",
    "nested:",
    "    -   id: a",
    "        weight: 1",
    "    - - 1",
    "      - 2",
    "    -",
    "      deep: true",
    "empty: {}",
    "...",
  ].join("\r\n");
  assert.deepEqual(parseYaml(text), {
    name: "www", values: ["192.0.2.1", "192.0.2.2"], "quoted key": "x", flow: ["a", "b", "c", { d: 1, e: [] }],
    nested: [{ id: "a", weight: 1 }, [1, 2], { deep: true }], empty: {},
  });
});

test("what the editor does not read is refused with its line and column", () => {
  refused("a: 1\n  b: 2\n", 2, 3, /indented 2 spaces, its mapping's keys 0 spaces/);
  refused("a: &x 1\nb: *x\n", 1, 4, /anchors and aliases/);
  refused("a: |\n  text\n", 1, 4, /block scalars/);
  refused("a: \"open\n", 1, 4, /does not end on this line/);
  refused("root:\n  values: [a, b\n", 2, 16, /list is not closed/);
  refused("a: 1\na: 2\n", 2, 1, /a is given twice/);
  refused("a: 1\n---\nb: 2\n", 2, 1, /single YAML document/);
  refused("a: b: c\n", 1, 5, /colon and a space inside a value/);
  refused("a:\n\t- 1\n", 2, 1, /tab/);
  refused("root:\n  id: x\n routing: weighted\n", 3, 2, /indented 1 space, its mapping's keys 0 spaces/);
  refused("  a: 1\nb: 2\n", 2, 1, /indented less than the first line/);
  refused("list:\n  - a\n  b: 1\n", 3, 3, /indented 2 spaces/);
  refused("a: - b\n", 1, 4, /list cannot start on its key's line/);
  refused("a: !!int 5\n", 1, 4, /tags are not supported/);
  refused("a: { b: 1, b: 2 }\n", 1, 12, /b is given twice/);
  refused("a: [1, 2] x\n", 1, 11, /unexpected text after the closing bracket/);
  refused("a: \"\\q\"\n", 1, 5, /not an escape/);
  refused("", 1, 1, /empty/);
  refused("# only a comment\n", 1, 1, /empty/);
});

test("a key named __proto__ is an ordinary key, as in JSON.parse", () => {
  const read = parseYaml("__proto__: 1\nb: { __proto__: 2 }\n");
  assert.deepEqual(Object.keys(read), ["__proto__", "b"]);
  assert.equal(Object.getPrototypeOf(read), Object.prototype);
  assert.deepEqual(read, JSON.parse('{"__proto__": 1, "b": {"__proto__": 2}}'));
});
