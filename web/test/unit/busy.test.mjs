import assert from "node:assert/strict";
import { test } from "node:test";
import { busy } from "../../src/busy.ts";

const tree = (status, runStatus) => ({ status, lastRun: runStatus ? { status: runStatus } : null });

test("busy while a run runs, and while the tree has not caught up with a run that just ended", () => {
  assert.equal(busy(tree("APPLYING", "RUNNING")), true);
  // Between the service's two writes: the run has ended, the tree still says APPLYING (or DELETING).
  assert.equal(busy(tree("APPLYING", "SUCCEEDED")), true);
  assert.equal(busy(tree("DELETING", "SUCCEEDED")), true);
});

test("settled once the run and the tree agree", () => {
  assert.equal(busy(tree("ACTIVE", "SUCCEEDED")), false);
  assert.equal(busy(tree("FAILED", "ROLLED_BACK")), false);
  assert.equal(busy(tree("DELETED", "SUCCEEDED")), false);
  assert.equal(busy(tree("NEW", null)), false);
});
