// The dashboard's editor in a real browser (Debian's Chromium driven by playwright-core), against the local stack: the
// "done when" walk on examples/complex.json (move all traffic off one region, plan, what-if, apply, converge, roll back),
// a weight changed and applied with the keyboard, a leaf with a health check added, an invalid edit shown on its node, a
// stale edit refused, a pasted Traffic Flow document made a tree, and the editor at phone width.
// Every check is on the DOM the page built from the API, or on the API itself; any console error or page error fails the
// test. Screenshots go to $DASHBOARD_SCREENSHOTS (default web/test-results; docs/dashboard holds the ones
// docs/dashboard.md shows).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { accessibilityProblems, browserSession } from "./chromium.mjs";
import { repository } from "./localStack.mjs";

const wait = { timeout: 60_000 };
let stack;
let page;
const { problems, shot } = browserSession("editor", (session) => ({ stack, page } = session));

// The editor asks the service to judge every draft: a 400 (invalid spec) or 409 (stale version) is an answer the page
// shows, which Chromium also logs as a failed resource load. Those are expected; anything else is a problem.
const expectedAnswer = /^console error: Failed to load resource: the server responded with a status of (400|409) /;

function noProblems() {
  assert.deepEqual(problems.filter((problem) => !expectedAnswer.test(problem)), [], "the page logged errors");
}

const zone = () => stack.health.resources.hostedZones["example.com"];

async function example(file, mutate = (spec) => spec) {
  const spec = JSON.parse(await readFile(path.join(repository, file), "utf8"));
  spec.hostedZoneId = zone();
  return mutate(spec);
}

async function post(pathAndQuery, body) {
  const response = await fetch(`${stack.api}${pathAndQuery}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(pathAndQuery) {
  return (await fetch(`${stack.api}${pathAndQuery}`)).json();
}

/** Applies a spec through the API and waits until the tree is active with that version. */
async function applied(spec) {
  const { status, body } = await post("/trees", spec);
  assert.equal(status, 202, JSON.stringify(body));
  await until(async () => (await get(`/trees/${spec.name}`)).status === "ACTIVE" && (await get(`/runs/${body.runId}`)).status === "SUCCEEDED");
  return body;
}

async function until(condition, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("the condition was not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Opens a tree's edit tab and waits for the service's first verdict on the unchanged draft. */
async function openEditor(tree) {
  // Through the list: the same URL again would be no navigation, and the page would keep the last draft.
  await page.goto(`${stack.api}/#/`);
  await page.waitForSelector("h1:text-is(\"Trees\")", wait);
  await page.goto(`${stack.api}/#/trees/${tree}/edit`);
  await page.waitForSelector('.editor-status[data-state="valid"]', wait);
  await page.waitForSelector('.diagram-scroll[data-version="draft"] svg.diagram g.node', wait);
}

/** Picks a node in the editor's node list (a select: keyboard and screen-reader friendly). */
async function pick(nodePath) {
  await page.selectOption("#editor-node", nodePath);
  await page.waitForSelector(`#editor-form .path code:text-is("${nodePath}")`, wait);
}

/** Types into a field with the keyboard: focus, select all, type. */
async function type(selector, text) {
  await page.focus(selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

async function validState() {
  await page.waitForSelector('.editor-status[data-state="pending"]', { timeout: 5_000 }).catch(() => {});
  await page.waitForSelector('.editor-status[data-state="valid"]', wait);
}

async function answers(side) {
  return page.$$eval(`.what-if-compare [data-side="${side}"] tbody tr[data-node-id]`,
    (rows) => Object.fromEntries(rows.map((row) => [row.dataset.nodeId, Number(row.dataset.share)])));
}

/** Nothing a screen-reader user would miss on the page as it stands (chromium.mjs says what is checked). */
async function accessible(where) {
  assert.deepEqual(await accessibilityProblems(page), [], `accessibility ${where}`);
}

/** Records what the page says through its announcer (the live region screen readers read) from now on. */
async function listen() {
  await page.evaluate(() => {
    const region = document.getElementById("announcer");
    window.said = [];
    new MutationObserver(() => region.textContent && window.said.push(region.textContent))
      .observe(region, { childList: true, characterData: true, subtree: true });
  });
}

async function followRunTo(tree, version) {
  await page.waitForFunction(({ version }) => {
    const nodes = [...document.querySelectorAll("svg.diagram g.node")];
    return document.querySelector(".diagram-scroll")?.getAttribute("data-version") === String(version)
      && nodes.length > 0 && document.querySelector(".run .badge")?.textContent === "succeeded";
  }, { version }, wait);
  await until(async () => (await get(`/trees/${tree}`)).currentVersion === version);
}

test("done when: complex.json, all traffic moved off us-east-1, planned, compared, applied, converged and rolled back", async () => {
  await applied(await example("examples/complex.json"));
  await openEditor("shop");

  // by-latency answers by region; as a weighted rule with us-east at weight 0, ap-southeast takes every query while it
  // is healthy (a weight-0 record answers only when every other is unhealthy).
  await pick("$.root.primary");
  await page.selectOption("#editor-routing", "weighted");
  await pick("$.root.primary.children[0]");
  await type('input[data-path="$.root.primary.children[0].weight"]', "0");
  await validState();
  const draft = JSON.parse(await page.inputValue("#editor-json"));
  assert.equal(draft.root.primary.routing, "weighted");
  assert.equal(draft.root.primary.children[0].weight, 0);
  assert.equal(draft.root.primary.children[1].weight, 1);
  assert.equal(draft.root.primary.children[0].region, undefined);
  assert.match(await page.textContent('svg.diagram g.node[data-node-id="us-east"]'), /w=0/);
  await shot("editor-edit.png");

  // Review: the plan against the live zone, the guard's verdict, who answers now and after.
  await page.waitForSelector(".review .plan-summary", wait);
  assert.match(await page.textContent(".review .plan-summary"), /Applying this draft now would create/);
  assert.equal(await page.getAttribute(".review .guard", "data-passes"), "true");
  await page.waitForSelector('.what-if-compare [data-side="after"] tbody tr', wait);
  let now = await answers("now");
  let next = await answers("after");
  assert.deepEqual(Object.keys(now).sort(), ["use1-web1", "use1-web2", "use1-web3"]);
  assert.deepEqual(Object.keys(next).sort(), ["apse2-web1", "apse2-web2"]);
  // With apse2-web1 down: now us-east still answers; after, apse2-web2 takes it all.
  await page.check('#editor-what-if input[value="apse2-web1"]');
  await page.waitForFunction(() => document.querySelector(".what-if-compare .answer-summary")?.textContent.includes("apse2-web1"), undefined, wait);
  next = await answers("after");
  now = await answers("now");
  assert.deepEqual(next, { "apse2-web2": 1 });
  assert.deepEqual(Object.keys(now).sort(), ["use1-web1", "use1-web2", "use1-web3"]);
  await page.locator(".review").scrollIntoViewIfNeeded();
  await shot("editor-review.png");
  await accessible("in the editor, with the review");

  // Apply: a new version, a run the page follows node by node until it converges; a screen reader hears its progress.
  await listen();
  await page.click("#editor-apply");
  await page.waitForFunction(() => location.hash === "#/trees/shop", undefined, wait);
  await followRunTo("shop", 2);
  const said = await page.evaluate(() => window.said);
  assert.ok(said.some((text) => /^Run apply of version 2: \d+ of \d+ nodes finished\.$/.test(text)), said.join(" | "));
  assert.ok(said.includes("Run apply of version 2 succeeded."), said.join(" | "));
  await accessible("on the tree page after the run");
  const v2 = await get("/trees/shop/versions/2");
  assert.equal(v2.spec.root.primary.routing, "weighted");
  await shot("editor-applied.png");

  // Roll back to v1 in one click.
  await page.click('nav.tabs a:text-is("Versions")');
  await page.click('button.rollback[data-version="1"]');
  await followRunTo("shop", 1);
  const tree = await get("/trees/shop");
  assert.equal(tree.lastRun.kind, "ROLLBACK");
  await shot("editor-rolled-back.png");
  noProblems();
});

test("a weight changed with the keyboard applies as a new version", async () => {
  await applied(await example("examples/www.json"));
  await openEditor("www");
  // The node picked on the diagram itself: each node is a button in the editor.
  await page.focus('svg.diagram g.node[data-node-id="use1-b"]');
  await page.keyboard.press("Enter");
  await page.waitForSelector('#editor-form .path code:text-is("$.root.primary.children[0].children[1]")', wait);
  assert.equal(await page.getAttribute('svg.diagram g.node[data-node-id="use1-b"]', "data-selected"), "true");
  await type('input[data-path="$.root.primary.children[0].children[1].weight"]', "20");
  await validState();
  // The service's answer draws the form again: the keyboard is still on the field typed in.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.path), "$.root.primary.children[0].children[1].weight");
  await page.focus("#editor-apply");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#/trees/www", undefined, wait);
  await followRunTo("www", 2);
  const v2 = await get("/trees/www/versions/2");
  assert.equal(v2.spec.root.primary.children[0].children[1].weight, 20);
  noProblems();
});

test("a leaf with a health check is added under a rule", async () => {
  await openEditor("www");
  await pick("$.root.primary.children[0]");
  await page.click('.editor-tools button:text-is("Add endpoint")');
  const leaf = "$.root.primary.children[0].children[2]";
  await page.waitForSelector(`#editor-form .path code:text-is("${leaf}")`, wait);
  await type(`input[data-path="${leaf}.id"]`, "use1-c");
  await type(`input[data-path="${leaf}.weight"]`, "10");
  await type(`textarea[data-path="${leaf}.endpoint.values"]`, "192.0.2.12");
  await page.click(`.field-object[data-path="${leaf}.endpoint.healthCheck"] button:text-is("Add healthCheck")`);
  await type(`input[data-path="${leaf}.endpoint.healthCheck.path"]`, "/live");
  await validState();
  assert.match(await page.textContent('svg.diagram g.node[data-node-id="use1-c"]'), /weighted record \(w=10\)/);
  const layers = await page.textContent(".review");
  assert.match(layers, /health check for use1-c/);
  await page.click("#editor-apply");
  await followRunTo("www", 3);
  const v3 = await get("/trees/www/versions/3");
  const added = v3.spec.root.primary.children[0].children[2];
  assert.equal(added.id, "use1-c");
  assert.equal(added.endpoint.healthCheck.path, "/live");
  const run = await get(`/runs/${(await get("/trees/www")).lastRunId}`);
  assert.ok(run.nodes.find((node) => node.nodeId === "use1-c")?.healthCheckId, "use1-c got a health check");
  noProblems();
});

test("an invalid edit shows the service's error, with its JSON path, on the node", async () => {
  await openEditor("www");
  await pick("$.root.primary.children[0].children[0]");
  await type('input[data-path="$.root.primary.children[0].children[0].weight"]', "300");
  await page.waitForSelector('.editor-status[data-state="invalid"]', wait);
  const node = page.locator('svg.diagram g.node[data-node-id="use1-a"]');
  assert.match(await node.getAttribute("data-error"), /\$\.root\.primary\.children\[0\]\.children\[0\]\.weight/);
  assert.match(await node.getAttribute("class"), /invalid/);
  assert.match(await page.textContent('.field-error[data-path="$.root.primary.children[0].children[0].weight"]'), /255/);
  assert.equal(await page.isDisabled("#editor-apply").catch(() => true), true);
  await shot("editor-invalid.png");
  noProblems();
});

test("an edit of a version someone has since replaced is refused, with a clear message", async () => {
  await openEditor("www");
  // Someone else applies v4 while this page still edits v3.
  const newer = await example("examples/www.json", (spec) => {
    spec.root.primary.children[0].children[0].weight = 40;
    return spec;
  });
  await applied(newer);
  await pick("$.root.primary.children[0].children[1]");
  await type('input[data-path="$.root.primary.children[0].children[1].weight"]', "5");
  await page.waitForSelector('.editor-status[data-state="stale"]', wait);
  assert.match(await page.textContent(".editor-status"), /based on version 3 of tree 'www', but version 4 is the latest now/);
  // The API itself refuses it too: an apply based on v3 is 409 stale-version and stores nothing.
  const draft = JSON.parse(await page.inputValue("#editor-json"));
  const refused = await post("/trees?baseVersion=3", draft);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.type, "urn:failover:problem:stale-version");
  assert.equal((await get("/trees/www")).latestVersion, 4);
  await shot("editor-stale.png");

  // "Load the latest version" starts again from v4.
  await page.click('.editor-status button:text-is("Load the latest version")');
  await page.waitForSelector('.editor-status[data-state="valid"]', wait);
  assert.match(await page.textContent(".edit-panel"), /Editing a copy of v4/);
  noProblems();
});

test("a pasted Traffic Flow document becomes a tree", async () => {
  const policy = {
    AWSPolicyFormatVersion: "2015-10-01",
    RecordType: "A",
    StartRule: "split",
    Endpoints: { blue: { Type: "value", Value: "192.0.2.40" }, green: { Type: "value", Value: "192.0.2.41" } },
    Rules: { split: { RuleType: "weighted", Items: [{ EndpointReference: "blue", Weight: "3" }, { EndpointReference: "green", Weight: "1" }] } },
  };
  await page.goto(`${stack.api}/#/new`);
  await page.waitForSelector("form.new-tree", wait);
  await type("#new-name", "bluegreen");
  await type("#new-zone-id", zone());
  await type("#new-zone-name", "example.com");
  await type("#new-record-name", "bluegreen.example.com");
  await page.fill("#new-policy", JSON.stringify(policy, null, 2));
  assert.equal(await page.isChecked('input[name=start][value="traffic-flow"]'), true);
  await page.click('form.new-tree button[type="submit"]');
  await page.waitForSelector('.editor-status[data-state="valid"]', wait);
  const draft = JSON.parse(await page.inputValue("#editor-json"));
  assert.equal(draft.root.routing, "weighted");
  assert.equal(draft.root.children.length, 2);
  await shot("editor-traffic-flow.png");
  await accessible("on the new tree page");
  await page.click("#editor-apply");
  await page.waitForFunction(() => location.hash === "#/trees/bluegreen", undefined, wait);
  await followRunTo("bluegreen", 1);
  noProblems();
});

test("the spec as YAML: the service reads it as the JSON, typed YAML moves the form, and its errors name the line", async () => {
  await openEditor("www");
  await page.check("#editor-format-yaml");
  assert.equal(await page.isVisible("#editor-yaml"), true);
  assert.equal(await page.isVisible("#editor-json"), false);
  const yaml = await page.inputValue("#editor-yaml");
  const json = JSON.parse(await page.inputValue("#editor-json"));
  assert.match(yaml, /^name: www$/m);
  const latest = (await get("/trees/www")).latestVersion;
  // The service reads the page's YAML as the same spec: the dry run of each gives the same plan.
  const asYaml = await fetch(`${stack.api}/trees?dryRun=true&baseVersion=${latest}`, {
    method: "POST", headers: { "content-type": "application/yaml" }, body: yaml,
  });
  assert.equal(asYaml.status, 200, await asYaml.clone().text());
  const asJson = await post(`/trees?dryRun=true&baseVersion=${latest}`, json);
  assert.equal(asJson.status, 200);
  assert.deepEqual(await asYaml.json(), asJson.body);

  // Typed YAML becomes the draft: the form, the diagram and the JSON follow.
  const weight = "$.root.primary.children[0].children[1].weight";
  const edited = yaml.replace(/(- id: use1-b\n(?: {12}.*\n)*? {12}weight: )\d+/, "$1" + "35");
  assert.notEqual(edited, yaml, "the YAML has use1-b's weight");
  await page.fill("#editor-yaml", edited);
  await page.waitForFunction(() => JSON.parse(document.querySelector("#editor-json").value).root.primary.children[0].children[1].weight === 35, undefined, wait);
  await validState();
  await pick("$.root.primary.children[0].children[1]");
  assert.equal(await page.inputValue(`input[data-path="${weight}"]`), "35");
  assert.match(await page.textContent('svg.diagram g.node[data-node-id="use1-b"]'), /w=35/);

  // A mistake in the YAML: its line and column, and the form keeps the last valid spec.
  const lines = edited.split("\n");
  const bad = lines.findIndex((line) => line.startsWith("root:")) + 1;
  lines[bad] = ` ${lines[bad]}`;
  await page.fill("#editor-yaml", lines.join("\n"));
  await page.waitForSelector('#editor-yaml[aria-invalid="true"]', wait);
  assert.match(await page.textContent("#editor-yaml-state"), new RegExp(`Not YAML yet\\. Line ${bad + 2}, column \\d+: .*The form keeps the last valid spec`));
  await shot("editor-yaml-error.png");
  assert.equal(JSON.parse(await page.inputValue("#editor-json")).root.primary.children[0].children[1].weight, 35);
  await page.fill("#editor-yaml", edited);
  await page.waitForFunction(() => !document.querySelector("#editor-yaml").hasAttribute("aria-invalid"), undefined, wait);

  // The form writes the YAML too.
  await type(`input[data-path="${weight}"]`, "36");
  await page.waitForFunction(() => /- id: use1-b\n(?: {12}.*\n)*? {12}weight: 36\n/.test(document.querySelector("#editor-yaml").value), undefined, wait);
  await validState();
  await shot("editor-yaml.png");
  await accessible("with the YAML shown");
  // The choice is kept: the next visit shows YAML again. Back to JSON for the tests that follow.
  await openEditor("www");
  assert.equal(await page.isChecked("#editor-format-yaml"), true);
  await page.check("#editor-format-json");
  noProblems();
});

test("a health check's form shows only the fields of its type, and the keyboard stays on the type", async () => {
  await openEditor("www");
  const leaf = "$.root.primary.children[0].children[0]";
  const check = `${leaf}.endpoint.healthCheck`;
  await pick(leaf);
  if (!(await page.$(`select[data-path="${check}.type"]`))) {
    await page.click(`.field-object[data-path="${check}"] button:text-is("Add healthCheck")`);
  }
  const fields = () => page.$$eval(`.field-object[data-path="${check}"] [data-path^="${check}."]`,
    (elements) => [...new Set(elements.map((element) => element.dataset.path.split(".").at(-1)))]);
  // No type of its own: healthCheckDefaults' HTTPS applies.
  let shown = await fields();
  assert.match(await page.textContent(`.fields-shown[data-for="${check}"]`), /type HTTPS \(from healthCheckDefaults\)/);
  assert.ok(shown.includes("enableSni") && shown.includes("path") && !shown.includes("searchString") && !shown.includes("alarmName"), shown.join());
  // Chosen with the keyboard: TCP has no path; focus stays on the type after the form is drawn again.
  await page.focus(`select[data-path="${check}.type"]`);
  await page.selectOption(`select[data-path="${check}.type"]`, "TCP");
  shown = await fields();
  assert.ok(!shown.includes("path") && !shown.includes("enableSni") && shown.includes("port"), shown.join());
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.path), `${check}.type`);
  await page.selectOption(`select[data-path="${check}.type"]`, "CALCULATED");
  shown = await fields();
  assert.deepEqual(shown.sort(), ["childHealthCheckIds", "children", "healthThreshold", "inverted", "type"]);
  await page.selectOption(`select[data-path="${check}.type"]`, "HTTP_STR_MATCH");
  shown = await fields();
  assert.ok(shown.includes("searchString") && shown.includes("path") && !shown.includes("enableSni"), shown.join());
  await page.locator(`.field-object[data-path="${check}"]`).scrollIntoViewIfNeeded();
  await shot("editor-health-check.png", false);
  await accessible("with a health check's form");

  // The editor's focus order follows the page: the node, its tools, its fields, the spec's text, then the review.
  await page.focus("#editor-node");
  const order = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const part = await page.evaluate(() => {
      const element = document.activeElement;
      for (const [selector, name] of [[".editor-tools", "tools"], ["#editor-form", "form"], [".format-switch", "format"],
        [".spec-text", "text"], [".editor-status", "status"], [".review", "review"]]) if (element?.closest(selector)) return name;
      return "elsewhere";
    });
    if (order.at(-1) !== part) order.push(part);
    if (part === "review" || part === "elsewhere") break;
  }
  assert.deepEqual(order.slice(0, 4), ["tools", "form", "format", "text"], order.join(" → "));
  noProblems();
});

test("what if: a client address and coordinates, now and after the change", async () => {
  await applied(await example("examples/ip-based.json"));
  await openEditor("offices");
  // paris no longer answers for 192.0.2.0/24: a client there goes to everyone-else after the change.
  await pick("$.root.children[0]");
  await type('textarea[data-path="$.root.children[0].cidr.blocks"]', "2001:db8:1::/48");
  await validState();
  await type("#editor-what-if-client-ip", "192.0.2.7");
  await page.click('#editor-what-if button[type="submit"]');
  await page.waitForFunction(() => document.querySelector(".what-if-compare .answer-summary")?.textContent.includes("client address 192.0.2.7"), undefined, wait);
  assert.deepEqual(await answers("now"), { paris: 1 });
  assert.deepEqual(await answers("after"), { "everyone-else": 1 });
  await page.locator(".review-what-if").scrollIntoViewIfNeeded();
  await shot("editor-what-if-client-ip.png", false);
  await accessible("with the client address what-if");

  await applied(await example("examples/geoproximity.json"));
  await openEditor("nearest");
  await pick("$.root.children[3]");
  await type('input[data-path="$.root.children[3].geoproximity.bias"]', "10");
  await validState();
  await type("#editor-what-if-coordinates", "-33.9,151.2");
  await page.click('#editor-what-if button[type="submit"]');
  await page.waitForFunction(() => document.querySelector(".what-if-compare .answer-summary")?.textContent.includes("client at -33.9,151.2"), undefined, wait);
  assert.deepEqual(await answers("now"), { "sydney-dc": 1 });
  assert.deepEqual(await answers("after"), { "sydney-dc": 1 });
  noProblems();
});

test("at phone width the editor is one column and nothing scrolls sideways", async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openEditor("shop");
  await page.waitForSelector('svg.diagram[data-layout="outline"] g.node', wait);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const wide = await page.evaluate(() => [...document.querySelectorAll("main *")]
    .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !element.closest(".table-scroll, .diagram-scroll"))
    .slice(0, 5).map((element) => `${element.tagName}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px`));
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen: ${wide.join(", ")}`);
  // The form and the JSON in one column: the JSON below the form, not beside it.
  const form = await page.$eval("#editor-form", (element) => element.getBoundingClientRect());
  const json = await page.$eval("#editor-json", (element) => element.getBoundingClientRect());
  assert.ok(json.top >= form.bottom, "the JSON is below the form");
  await shot("editor-phone.png");
  await accessible("at phone width");
  noProblems();
});
