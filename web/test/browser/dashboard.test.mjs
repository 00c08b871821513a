// The dashboard in a real browser (Debian's Chromium driven by playwright-core), against the local stack:
// apply examples/complex.json through the API, watch every node turn done, fail a health check through the local stack and
// see it observed, ask "what if" with the keyboard, drift the zone with the AWS CLI and check it, read the tree's timeline,
// apply a second version and diff the two, read the list, and look at phone width.
// Every check is on the DOM the page built from the API; any console error or page error fails the test. Screenshots
// go to $DASHBOARD_SCREENSHOTS (default web/test-results; docs/dashboard holds the ones docs/dashboard.md shows).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { accessibilityProblems, browserSession } from "./chromium.mjs";
import { aws, repository } from "./localStack.mjs";

const wait = { timeout: 60_000 };
let stack;
let page;
const { problems, shot } = browserSession("dashboard", (session) => ({ stack, page } = session));

async function applySpec(mutate = (spec) => spec, example = "examples/complex.json") {
  const spec = JSON.parse(await readFile(path.join(repository, example), "utf8"));
  spec.hostedZoneId = stack.health.resources.hostedZones["example.com"];
  const response = await fetch(`${stack.api}/trees`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(mutate(spec)),
  });
  const body = await response.text();
  assert.equal(response.status, 202, body);
  return JSON.parse(body).runId;
}

/** Node id → its data-* state in the drawn diagram. */
async function diagramNodes() {
  return page.$$eval("svg.diagram g.node", (nodes) => Object.fromEntries(nodes.map((node) => [node.dataset.nodeId, { ...node.dataset }])));
}

/** Nothing a screen-reader user would miss on the page as it stands (chromium.mjs says what is checked). */
async function accessible(where) {
  assert.deepEqual(await accessibilityProblems(page), [], `accessibility ${where}`);
}

function noProblems() {
  assert.deepEqual(problems, [], "the page logged errors");
}

test("the dashboard page is served by the API with its security headers", async () => {
  const response = await fetch(`${stack.api}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^text\/html/);
  assert.match(response.headers.get("content-security-policy"), /script-src 'self'/);
  const html = await response.text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  assert.ok(script, "index.html loads a script from /assets");
  const asset = await fetch(`${stack.api}${script}`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get("cache-control"), /immutable/);
});

test("a tree applied through the API turns done node by node in the diagram", async () => {
  const runId = await applySpec();
  // A second tree, for the list.
  await applySpec(undefined, "examples/www.json");
  await page.goto(`${stack.api}/#/trees/shop`);
  await page.waitForSelector("svg.diagram g.node", wait);
  const drawn = await diagramNodes();
  assert.deepEqual(Object.keys(drawn).sort(), [
    "ap-southeast", "apse2-web1", "apse2-web2", "by-latency", "maintenance-page", "site", "us-east", "use1-web1", "use1-web2", "use1-web3",
  ]);
  assert.equal(drawn["use1-web1"].kind, "endpoint");
  assert.match(await page.textContent('svg.diagram g.node[data-node-id="use1-web1"]'), /weighted record \(w=10\)/);

  // While the run is in progress: the page polls, some nodes have moved and some have not.
  await page.waitForFunction(() => {
    const states = [...document.querySelectorAll("svg.diagram g.node")].map((node) => node.getAttribute("data-progress"));
    const running = document.querySelector(".run .badge")?.textContent === "running";
    return running && states.some((s) => s === "IN_PROGRESS" || s === "DONE") && states.some((s) => s !== "DONE");
  }, undefined, wait);
  await shot("dashboard-run.png");
  await accessible("on a tree page during its run");

  await page.waitForFunction(() => {
    const nodes = [...document.querySelectorAll("svg.diagram g.node")];
    return nodes.length === 10 && nodes.every((node) => node.getAttribute("data-progress") === "DONE")
      && document.querySelector(".run .badge")?.textContent === "succeeded";
  }, undefined, wait);
  const run = await (await fetch(`${stack.api}/runs/${runId}`)).json();
  assert.equal(run.status, "SUCCEEDED");
  assert.match(await page.textContent(".run"), /9 of 9 nodes finished/);
  noProblems();
});

test("observed health: a check whose checkers fail (set through the local stack) shows its endpoint unhealthy", async () => {
  // After the run, the page read what Route 53's checkers observe: moto's checkers report success for every check.
  await page.waitForSelector('.observed-health p[data-state="read"][data-unhealthy=""]', wait);
  let nodes = await diagramNodes();
  assert.equal(nodes["use1-web1"].observedHealth, "HEALTHY");
  assert.equal(nodes["use1-web1"].healthSource, "observed");

  // use1-web1's check, found in Route 53 with the AWS CLI by the tags the service wrote.
  const { HealthChecks: checks } = await aws(stack, "route53", "list-health-checks");
  const tagSets = [];
  for (let i = 0; i < checks.length; i += 10) {
    const ids = checks.slice(i, i + 10).map((check) => check.Id);
    tagSets.push(...(await aws(stack, "route53", "list-tags-for-resources", "--resource-type", "healthcheck", "--resource-ids", ...ids)).ResourceTagSets);
  }
  const tagged = (set, key, value) => set.Tags.some((tag) => tag.Key === key && tag.Value === value);
  const web1 = tagSets.find((set) => tagged(set, "failover:tree", "shop") && tagged(set, "failover:node", "use1-web1"));
  assert.ok(web1, "use1-web1's health check is in Route 53");
  const failing = await fetch(`${stack.edge}/_local/health-status`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ healthCheckId: web1.ResourceId, status: "Failure: HTTP Status Code 503, Service Unavailable" }),
  });
  assert.equal(failing.status, 200, await failing.text());

  // Read again with the keyboard: the endpoint turns unhealthy, observed; the others stay healthy.
  await page.focus('.observed-health button:text-is("Read health again")');
  await page.keyboard.press("Enter");
  await page.waitForSelector('.observed-health p[data-state="read"][data-unhealthy="use1-web1"]', wait);
  nodes = await diagramNodes();
  assert.equal(nodes["use1-web1"].health, "UNHEALTHY");
  assert.equal(nodes["use1-web1"].healthSource, "observed");
  assert.equal(nodes["use1-web2"].health, "HEALTHY");
  assert.equal(nodes["maintenance-page"].health, undefined);
  assert.match(await page.textContent('svg.diagram g.node[data-node-id="use1-web1"] .node-state'), /unhealthy/);
  assert.match(await page.textContent(".observed-health"), /1 unhealthy \(use1-web1\)/);
  await shot("dashboard-health.png");
  await accessible("with observed health");

  // Back to moto's answer, so what follows sees every check healthy again.
  assert.equal((await fetch(`${stack.edge}/_local/health-status`, { method: "DELETE" })).status, 200);
  await page.click('.observed-health button:text-is("Read health again")');
  await page.waitForSelector('.observed-health p[data-state="read"][data-unhealthy=""]', wait);
  noProblems();
});

test("what if: two endpoints ticked unhealthy with the keyboard, the simulator's answer is shown", async () => {
  await page.waitForSelector('.panel[data-panel="what-if"] input[name=unhealthy]');
  for (const id of ["use1-web1", "use1-web2"]) {
    await page.focus(`input[name=unhealthy][value="${id}"]`);
    await page.keyboard.press("Space");
  }
  await page.waitForSelector('.answer-summary[data-unhealthy="use1-web1,use1-web2"]', wait);

  // Latency answers from the first region (us-east-1): its weighted group keeps only use1-web3, which takes it all.
  const rows = await page.$$eval("#what-if-answer tbody tr", (trs) => trs.map((tr) => [tr.dataset.nodeId, tr.dataset.share]));
  assert.deepEqual(rows.filter(([, share]) => Number(share) > 0), [["use1-web3", "1.000000"]]);
  const nodes = await diagramNodes();
  assert.equal(nodes["use1-web1"].health, "UNHEALTHY");
  assert.equal(nodes["use1-web2"].health, "UNHEALTHY");
  assert.equal(nodes["use1-web3"].health, "HEALTHY");
  assert.equal(nodes["use1-web1"].healthSource, "supposed");
  assert.equal(nodes["use1-web3"].share, "1.000000");
  assert.equal(nodes["apse2-web1"].share, undefined);
  assert.match(await page.textContent("#what-if-answer"), /use1-web3.*100%/s);
  await shot("dashboard-what-if.png");
  await accessible("with the what-if answer");

  // The region picker asks again: from ap-southeast-2 the two Sydney endpoints share the answers by weight.
  await page.selectOption("#what-if-region", "ap-southeast-2");
  await page.waitForFunction(() => document.querySelector('#what-if-answer tr[data-node-id="apse2-web1"]')?.getAttribute("data-share") === "0.500000", undefined, wait);
  noProblems();
});

test("drift made out of band with the AWS CLI shows in the report and on the diagram", async () => {
  const zone = stack.health.resources.hostedZones["example.com"];
  const { ResourceRecordSets: records } = await aws(stack, "route53", "list-resource-record-sets", "--hosted-zone-id", zone);
  const web2 = records.find((r) => r.SetIdentifier === "use1-web2");
  const web3 = records.find((r) => r.SetIdentifier === "use1-web3");
  assert.ok(web2 && web3, "the applied records are in the zone");
  const batch = { Changes: [
    { Action: "UPSERT", ResourceRecordSet: { ...web2, Weight: 7 } },
    { Action: "DELETE", ResourceRecordSet: web3 },
  ] };
  await aws(stack, "route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch", JSON.stringify(batch));

  await page.click('nav.tabs a:text-is("Drift")');
  await page.waitForSelector('.panel[data-panel="drift"]');
  await page.click('button:text-is("Check drift now")');
  await page.waitForSelector(".drift-summary", wait);
  await page.waitForFunction(() => document.querySelector('svg.diagram g.node[data-node-id="use1-web3"]')?.getAttribute("data-drift") === "MISSING", undefined, wait);

  const items = await page.$$eval(".drift-items tbody tr", (trs) => trs.map((tr) => `${tr.dataset.kind} ${tr.dataset.nodeId}`));
  assert.ok(items.includes("recordChanged use1-web2"), items.join("; "));
  assert.ok(items.includes("recordMissing use1-web3"), items.join("; "));
  assert.match(await page.textContent(".drift-items"), /weight.*10.*7/s);
  const nodes = await diagramNodes();
  assert.equal(nodes["use1-web2"].drift, "CHANGED");
  assert.equal(nodes["use1-web3"].drift, "MISSING");
  assert.equal(nodes["use1-web1"].drift, undefined);
  assert.match(await page.textContent(".tree-head"), /Last drift check.*drifted item/s);
  await shot("dashboard-drift.png");
  await accessible("with the drift report");
  noProblems();
});

test("the timeline shows the tree's run and the drift just found, in time order", async () => {
  await page.click('nav.tabs a:text-is("Timeline")');
  await page.waitForSelector('.panel[data-panel="timeline"] ol.timeline', wait);
  const rows = await page.$$eval("ol.timeline > li", (items) => items.map((li) => ({
    type: li.dataset.detailType, time: li.querySelector("time")?.getAttribute("datetime"), text: li.textContent,
  })));
  // The apply's run started and succeeded first; the drift check of the test before is the latest event.
  assert.deepEqual(rows.slice(0, 2).map((row) => row.type), ["Run Started", "Run Succeeded"], JSON.stringify(rows));
  assert.equal(rows.at(-1).type, "Drift Detected", JSON.stringify(rows));
  assert.match(rows.at(-1).text, /Drift found: \d+ drifted items \(.*recordChanged.*recordMissing/);
  assert.match(rows[1].text, /Apply of version 1 succeeded/);
  const times = rows.map((row) => Date.parse(row.time));
  assert.deepEqual([...times].sort((a, b) => a - b), times, "oldest first");
  await shot("dashboard-timeline.png");
  await accessible("with the timeline");

  // While the panel is open, what happens appears without a click: more drift, found by a check through the API.
  const zone = stack.health.resources.hostedZones["example.com"];
  const { ResourceRecordSets: records } = await aws(stack, "route53", "list-resource-record-sets", "--hosted-zone-id", zone);
  const web2 = records.find((r) => r.SetIdentifier === "use1-web2");
  await aws(stack, "route53", "change-resource-record-sets", "--hosted-zone-id", zone, "--change-batch",
    JSON.stringify({ Changes: [{ Action: "UPSERT", ResourceRecordSet: { ...web2, Weight: 8 } }] }));
  const checked = await fetch(`${stack.api}/trees/shop/drift-check`, { method: "POST", headers: { "x-failover-client": "test" } });
  assert.equal(checked.status, 200, await checked.text());
  await page.waitForFunction((count) => Number(document.querySelector("ol.timeline")?.dataset.count) === count + 1,
    rows.length, wait);
  assert.equal(await page.$eval("ol.timeline > li:last-child", (li) => li.dataset.detailType), "Drift Detected");
  noProblems();
});

test("a second version: the diagram follows its run and the versions panel diffs the two", async () => {
  const runId = await applySpec((spec) => {
    spec.root.primary.children[0].children[2].weight = 20;
    return spec;
  });
  // A reload shows the tree as it is now: version 2 being applied.
  await page.click('nav.tabs a:text-is("Versions")');
  await page.reload();
  await page.waitForFunction(() =>
    document.querySelector(".diagram-scroll")?.getAttribute("data-version") === "2"
    && document.querySelector(".run .badge")?.textContent === "succeeded", undefined, wait);
  const run = await (await fetch(`${stack.api}/runs/${runId}`)).json();
  assert.equal(run.status, "SUCCEEDED");

  // The update touched what changed (use1-web3's weight, and the missing record comes back); the rest stands as it was.
  const nodes = await diagramNodes();
  const touched = Object.keys(nodes).filter((id) => nodes[id].progress).sort();
  assert.deepEqual(touched, run.nodes.map((node) => node.nodeId).sort());
  assert.ok(touched.includes("use1-web3"));
  for (const id of touched) assert.equal(nodes[id].progress, "DONE", id);
  for (const id of Object.keys(nodes).filter((id) => !nodes[id].progress)) assert.equal(nodes[id].unchanged, "true", id);
  assert.match(await page.textContent('svg.diagram g.node[data-node-id="use1-web3"]'), /w=20/);

  await page.waitForSelector(".diff-summary", wait);
  const summary = await page.$eval(".diff-summary", (p) => ({ ...p.dataset }));
  assert.deepEqual(summary, { added: "1", removed: "1" });
  assert.match(await page.textContent("#version-diff del"), /"weight": 5/);
  assert.match(await page.textContent("#version-diff ins"), /"weight": 20/);
  await accessible("with the versions and their diff");
  noProblems();
});

test("the list of trees, reached and left with the keyboard alone", async () => {
  await page.goto(`${stack.api}/#/`);
  const row = page.locator('tr[data-tree="shop"]');
  await row.waitFor(wait);
  assert.match(await row.textContent(), /active/);
  assert.match(await row.locator(".last-run").textContent(), /succeeded.*apply v2/s);
  assert.match(await row.locator(".last-drift").textContent(), /drifted|in sync/);
  const www = page.locator('tr[data-tree="www"]');
  await page.waitForFunction(() => document.querySelector('tr[data-tree="www"] .last-run')?.textContent.includes("succeeded"), undefined, wait);
  assert.match(await www.textContent(), /www\.example\.com/);
  assert.match(await www.locator(".last-drift").textContent(), /never/);
  await shot("dashboard-list.png");
  await accessible("on the list of trees");

  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent)) === "shop") break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "shop");
  await page.keyboard.press("Enter");
  await page.waitForSelector("svg.diagram g.node", wait);
  assert.equal(new URL(page.url()).hash, "#/trees/shop");
  noProblems();
});

test("what if on a dual-stack tree: the record type picker asks for AAAA answers, then A", async () => {
  const runId = await applySpec(undefined, "examples/dual-stack.json");
  await page.goto(`${stack.api}/#/trees/both`);
  // The what-if reads the stored version; the run is let finish so that nothing is still writing when the stack stops.
  await page.waitForSelector('.run .badge:text-is("succeeded")', wait);
  assert.equal((await (await fetch(`${stack.api}/runs/${runId}`)).json()).status, "SUCCEEDED");
  await page.waitForSelector('.panel[data-panel="what-if"] select[name=recordType]', wait);
  assert.deepEqual(await page.$$eval("#what-if-record-type option", (options) => options.map((o) => o.value)), ["A", "AAAA"]);

  await page.selectOption("#what-if-record-type", "AAAA");
  for (const id of ["web-a", "web-b"]) {
    await page.focus(`input[name=unhealthy][value="${id}"]`);
    await page.keyboard.press("Space");
  }
  await page.waitForSelector('.answer-summary[data-unhealthy="web-a,web-b"]', wait);
  await page.waitForFunction(() => document.querySelector(".answer-summary")?.textContent.includes("for AAAA queries"), undefined, wait);
  const standby = () => page.$eval('#what-if-answer tr[data-node-id="standby"]', (tr) => [tr.dataset.share, tr.querySelector("td").textContent]);
  assert.deepEqual(await standby(), ["1.000000", "2001:db8:1::20"]);
  await accessible("with the record type picker");

  await page.selectOption("#what-if-record-type", "A");
  await page.waitForFunction(() => document.querySelector(".answer-summary")?.textContent.includes("for A queries"), undefined, wait);
  assert.deepEqual(await standby(), ["1.000000", "198.51.100.20"]);
  noProblems();
});

test("at phone width the diagram is an outline and nothing scrolls sideways", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${stack.api}/#/trees/shop`);
  await page.waitForSelector('svg.diagram[data-layout="outline"] g.node', wait);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const svgWidth = await page.$eval("svg.diagram", (svg) => svg.getBoundingClientRect().width);
  assert.ok(svgWidth <= 390, `the diagram is ${svgWidth}px wide`);
  await shot("dashboard-phone.png");
  await accessible("at phone width");
  noProblems();
});
