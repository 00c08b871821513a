import assert from "node:assert/strict";
import { test } from "node:test";
import { healthCheckText } from "../../src/plan/healthCheckText.ts";

test("an endpoint check shows its address, port and path", () => {
  assert.equal(healthCheckText({ Type: "HTTPS", IPAddress: "192.0.2.10", Port: 443, ResourcePath: "/health" }), "HTTPS 192.0.2.10:443/health");
});

test("a calculated check shows its threshold and children, a child not made yet by its node", () => {
  assert.equal(healthCheckText({ Type: "CALCULATED", HealthThreshold: 1, ChildHealthChecks: ["{{healthcheck:dr-1}}", "abc"] }),
    "CALCULATED: 1 of 2 healthy [node dr-1, abc]");
});

test("an alarm check shows the alarm, its region and the insufficient-data status", () => {
  assert.equal(healthCheckText({ Type: "CLOUDWATCH_METRIC", AlarmIdentifier: { Region: "us-east-1", Name: "canary" },
    InsufficientDataHealthStatus: "Unhealthy" }), "CLOUDWATCH_METRIC: alarm canary in us-east-1, insufficient data: Unhealthy");
});

test("a recovery-control check shows its routing control, and inversion", () => {
  assert.equal(healthCheckText({ Type: "RECOVERY_CONTROL", RoutingControlArn: "arn:x", Inverted: true }),
    "RECOVERY_CONTROL: routing control arn:x (inverted)");
});
