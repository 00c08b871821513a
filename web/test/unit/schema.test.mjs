import assert from "node:assert/strict";
import { test } from "node:test";
import { conditionKeys, propertiesOff, resolve } from "../../src/editor/schema.ts";
import treeSchema from "../../../schemas/tree.schema.json" with { type: "json" };

const healthCheck = resolve({ $ref: "#/$defs/healthCheck" });
const all = Object.keys(healthCheck.properties);
const shown = (value) => all.filter((name) => !propertiesOff(healthCheck, value).has(name)).sort();

test("the schema's conditionals use only what the editor reads: if required/properties (enum, const, not), then off", () => {
  const objects = [treeSchema, ...Object.values(treeSchema.$defs)];
  const branches = objects.flatMap((object) => object.allOf ?? []);
  assert.ok(branches.length >= 7);
  const condition = (schema) => Object.keys(schema).every((key) => ["enum", "const", "not"].includes(key))
    && (schema.not === undefined || condition(schema.not));
  for (const branch of branches) {
    assert.deepEqual(Object.keys(branch).filter((key) => key !== "$comment").sort(), ["if", "then"], JSON.stringify(branch));
    assert.deepEqual(Object.keys(branch.if).filter((key) => !["required", "properties"].includes(key)), [], JSON.stringify(branch.if));
    assert.ok(Object.values(branch.if.properties ?? {}).every(condition), JSON.stringify(branch.if));
    assert.deepEqual(Object.keys(branch.then), ["properties"]);
    for (const property of Object.values(branch.then.properties)) {
      assert.ok(property === false || JSON.stringify(property) === '{"const":false}', JSON.stringify(property));
    }
    assert.match(branch.$comment, /API reference, HealthCheckConfig/);
  }
});

test("a health check shows only the fields of its type", () => {
  const endpoint = ["port", "path", "fqdn", "requestInterval", "failureThreshold", "regions", "measureLatency", "target"];
  assert.deepEqual(shown({ type: "HTTP" }), ["type", ...endpoint, "inverted"].sort());
  assert.deepEqual(shown({ type: "HTTPS" }), ["type", ...endpoint, "inverted", "enableSni"].sort());
  assert.deepEqual(shown({ type: "HTTPS_STR_MATCH" }), ["type", ...endpoint, "searchString", "inverted", "enableSni"].sort());
  assert.deepEqual(shown({ type: "TCP" }), ["type", ...endpoint.filter((name) => name !== "path"), "inverted"].sort());
  assert.deepEqual(shown({ type: "CALCULATED" }), ["type", "inverted", "children", "childHealthCheckIds", "healthThreshold"].sort());
  assert.deepEqual(shown({ type: "CLOUDWATCH_METRIC" }), ["type", "inverted", "alarmName", "alarmRegion", "insufficientDataHealthStatus"].sort());
  assert.deepEqual(shown({ type: "RECOVERY_CONTROL" }), ["type", "inverted", "routingControlArn"].sort());
  // No type yet (it may come from healthCheckDefaults): every field.
  assert.deepEqual(shown({}), [...all].sort());
  assert.deepEqual([...conditionKeys(healthCheck)], ["type"]);
});
