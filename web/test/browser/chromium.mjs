// One headless Chromium for the browser tests, with every problem the page reports collected for the test to assert on,
// and the set-up the dashboard and editor tests share.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { repository, startLocalStack } from "./localStack.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
// The flags a headless Chromium needs on a build machine: no sandbox (root in CI), no GPU, and nothing that phones home.
const flags = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

/** Opens Chromium on `userDataDir`; console errors, page errors and failed requests are pushed onto `problems`. */
export async function openChromium(userDataDir, problems) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true, args: flags, viewport: { width: 1280, height: 900 }, reducedMotion: "reduce",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A navigation cancels the page's requests in flight: that is the test moving on, not the page failing.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
  });
  return { context, page };
}

/**
 * The set-up the dashboard and editor tests share: the local stack and one Chromium for the whole file (started in a
 * `before` hook, stopped in an `after` hook registered here), the page's problems collected, and screenshots written to
 * $DASHBOARD_SCREENSHOTS (default web/test-results; docs/dashboard holds the ones docs/dashboard.md shows). Call it at
 * the top of a test file; `ready` is called with the session (`stack`, `page`, `context` set) once they have started.
 */
export function browserSession(name, ready = () => {}) {
  const session = {
    stack: undefined, context: undefined, page: undefined, problems: [],
    screenshots: path.resolve(repository, process.env.DASHBOARD_SCREENSHOTS ?? "web/test-results"),
    /** A screenshot of the page (whole, or the viewport) under `screenshots`. */
    shot: (file, fullPage = true) => session.page.screenshot({ path: path.join(session.screenshots, file), fullPage }),
  };
  let userDataDir;
  before(async () => {
    await mkdir(session.screenshots, { recursive: true });
    session.stack = await startLocalStack();
    userDataDir = await mkdtemp(path.join(os.tmpdir(), `failover-${name}-chromium-`));
    ({ context: session.context, page: session.page } = await openChromium(userDataDir, session.problems));
    ready(session);
  });
  after(async () => {
    await session.context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    await session.stack?.stop();
  });
  return session;
}

/**
 * What a screen-reader user would miss on the page as it stands, as a list to assert empty: a control (button, field,
 * link, tab...) with no accessible name in Chromium's own accessibility tree; an id used twice; a label, aria-labelledby
 * or aria-describedby naming an id that does not exist; a positive tabindex, which breaks the page's focus order.
 */
export async function accessibilityProblems(page) {
  const problems = await page.evaluate(() => {
    const out = [];
    const describe = (element) => `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.className && typeof element.className === "string" ? `.${element.className.split(" ").join(".")}` : ""}>`;
    const counts = new Map();
    for (const element of document.querySelectorAll("[id]")) counts.set(element.id, (counts.get(element.id) ?? 0) + 1);
    for (const [id, count] of counts) if (count > 1) out.push(`the id "${id}" is used ${count} times`);
    for (const element of document.querySelectorAll("[for], [aria-labelledby], [aria-describedby]")) {
      for (const attribute of ["for", "aria-labelledby", "aria-describedby"]) {
        for (const id of (element.getAttribute(attribute) ?? "").split(/\s+/).filter(Boolean)) {
          if (!document.getElementById(id)) out.push(`${describe(element)} ${attribute} names "${id}", which no element has`);
        }
      }
    }
    for (const element of document.querySelectorAll("[tabindex]")) {
      if (Number(element.getAttribute("tabindex")) > 0) out.push(`${describe(element)} has tabindex ${element.getAttribute("tabindex")}`);
    }
    return out;
  });
  // What a user operates or is told the state of, and scrolling regions (each has tabindex, so it is a stop in the
  // focus order and must say what it is). Unnamed tables and <details> groups are fine: their headers and summaries
  // are read.
  const controls = new Set([
    "button", "checkbox", "radio", "textbox", "searchbox", "combobox", "listbox", "spinbutton", "slider", "switch", "link", "tab",
    "menuitem", "progressbar", "meter", "region", "radiogroup",
  ]);
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send("Accessibility.getFullAXTree");
    for (const node of nodes) {
      const role = node.role?.value;
      if (node.ignored || !controls.has(role) || node.name?.value?.trim()) continue;
      let where = `backend node ${node.backendDOMNodeId}`;
      if (node.backendDOMNodeId) {
        const { node: element } = await session.send("DOM.describeNode", { backendNodeId: node.backendDOMNodeId });
        const attributes = Object.fromEntries((element.attributes ?? []).reduce((pairs, value, i, all) => (i % 2 ? pairs : [...pairs, [value, all[i + 1]]]), []));
        where = `<${element.localName}${attributes.id ? `#${attributes.id}` : ""}${attributes.class ? `.${attributes.class.split(" ").join(".")}` : ""}${attributes["data-path"] ? ` data-path=${attributes["data-path"]}` : ""}>`;
      }
      problems.push(`a ${role} with no accessible name: ${where}`);
    }
  } finally {
    await session.detach();
  }
  return problems;
}
