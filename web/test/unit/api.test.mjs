import assert from "node:assert/strict";
import { test } from "node:test";
import { api } from "../../src/api.ts";

/** Records the requests the dashboard makes; answers each with an empty JSON object. */
function recordingFetch() {
  const requests = [];
  globalThis.fetch = async (path, init) => {
    requests.push({ path, method: init.method, headers: init.headers, body: init.body });
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  return requests;
}

test("a drift check posts no body but names the dashboard, so the API does not take it for a cross-site request", async () => {
  const requests = recordingFetch();
  await api.checkDrift("www");
  const [request] = requests;
  assert.equal(request.method, "POST");
  assert.equal(request.path, "/trees/www/drift-check");
  assert.equal(request.body, undefined);
  assert.equal(request.headers["x-failover-client"], "dashboard");
});

test("a call with a body sends JSON and the client header", async () => {
  const requests = recordingFetch();
  await api.simulate("www", 2, { unhealthy: ["a"] });
  const [request] = requests;
  assert.equal(request.headers["content-type"], "application/json");
  assert.equal(request.headers["x-failover-client"], "dashboard");
  assert.deepEqual(JSON.parse(request.body), { unhealthy: ["a"] });
});
