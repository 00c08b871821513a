// One headless Chromium for the browser tests, with every problem the page reports collected for the test to assert on.
import { chromium } from "playwright-core";

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
