// `failover dashboard --api <the local stack's API>` in a real browser (Debian's Chromium driven by playwright-core): the
// page opens through the URL the command prints, lists a tree applied through the API, draws it, checks drift (a POST
// through the proxy) — with no console error. Without the token the proxy forwards nothing.
// The stack's API refuses unsigned requests (--require-signature), as a deployment's IAM authorisation does: the tree is
// applied with `failover apply --api --profile`, and the dashboard signs with the same profile of its own AWS config file.
// The command is $FAILOVER_CLI when set (e.g. the Native AOT ./failover), else `dotnet run --project src/Cli`.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { openChromium } from "./chromium.mjs";
import { repository, startLocalStack } from "./localStack.mjs";

const wait = { timeout: 60_000 };

let stack;
let dashboard;
let context;
let page;
let userDataDir;
const problems = [];

/** `failover ARGS…` as a child process, signing with the profile `dashboard-test` of the AWS config file `awsConfig`. */
function spawnCli(cliArgs, awsConfig) {
  const cli = process.env.FAILOVER_CLI;
  const [command, args] = cli
    ? [cli, []]
    : ["dotnet", ["run", "--project", "src/Cli", ...(process.env.FAILOVER_LOCAL_NO_BUILD === "1" ? ["--no-build"] : []), "--"]];
  return spawn(command, [...args, ...cliArgs, "--profile", "dashboard-test"], {
    cwd: repository,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1",
      AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: `${awsConfig}.none`,
    },
  });
}

/** `failover apply SPEC --api API --yes`, to its end (the run followed); rejects with its output unless it exits 0. */
function applyWithCli(spec, api, awsConfig) {
  return new Promise((resolve, reject) => {
    const child = spawnCli(["apply", spec, "--api", api, "--yes"], awsConfig);
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`failover apply exited ${code}:\n${output}`))));
  });
}

/** Starts `failover dashboard` against the stack's API and resolves with the URL it prints. */
async function startDashboard(api, awsConfig) {
  const child = spawnCli(["dashboard", "--api", api], awsConfig);
  let output = "";
  let exited = null;
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  child.on("exit", (code, signal) => (exited = { code, signal }));
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {
      return;
    }
    for (let i = 0; i < 100 && !exited; i++) await sleep(100);
    if (!exited) process.kill(-child.pid, "SIGKILL");
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}/.exec(output)?.[0];
    if (url) return { url, output: () => output, exited: () => exited, stop };
    if (exited) throw new Error(`failover dashboard exited (${JSON.stringify(exited)}) before printing its URL:\n${output}`);
    await sleep(100);
  }
  await stop();
  throw new Error(`failover dashboard printed no URL within 120 s:\n${output}`);
}

before(async () => {
  stack = await startLocalStack({ extraArgs: ["--require-signature"] });
  userDataDir = await mkdtemp(path.join(os.tmpdir(), "failover-dashboard-proxy-chromium-"));
  // The local stack's credentials (testing/testing) in a profile of a config file of the test's own.
  const awsConfig = path.join(userDataDir, "aws-config");
  await writeFile(awsConfig, "[profile dashboard-test]\naws_access_key_id = testing\naws_secret_access_key = testing\nregion = us-east-1\n");
  const spec = JSON.parse(await readFile(path.join(repository, "examples/www.json"), "utf8"));
  spec.hostedZoneId = stack.health.resources.hostedZones["example.com"];
  const specFile = path.join(userDataDir, "www.json");
  await writeFile(specFile, JSON.stringify(spec));
  await applyWithCli(specFile, stack.api, awsConfig);
  dashboard = await startDashboard(stack.api, awsConfig);
  ({ context, page } = await openChromium(userDataDir, problems));
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  await dashboard?.stop();
  await stack?.stop();
});

test("failover dashboard prints a loopback URL with a token and says how to stop", () => {
  assert.match(dashboard.output(), /Ctrl\+C to stop/);
  assert.match(dashboard.output(), /requests signed: yes/);
  assert.equal(new URL(dashboard.url).hostname, "127.0.0.1");
});

test("the stack's API refuses unsigned requests, as a deployment's does", async () => {
  assert.equal((await fetch(`${stack.api}/trees`)).status, 403);
  assert.equal((await fetch(`${stack.api}/`)).status, 403);
});

test("without the printed token the proxy forwards nothing", async () => {
  const origin = new URL(dashboard.url).origin;
  assert.equal((await fetch(`${origin}/`)).status, 403);
  assert.equal((await fetch(`${origin}/trees`)).status, 403);
  assert.equal((await fetch(`${origin}/?token=guess`)).status, 403);
  const post = await fetch(`${origin}/trees/www/drift-check`, { method: "POST", headers: { "content-type": "text/plain" }, body: "" });
  assert.equal(post.status, 403);
});

test("the dashboard loads through the proxy, lists and draws the tree and checks drift, with no console error", async () => {
  await page.goto(dashboard.url);
  // The token became a cookie and left the address bar.
  assert.equal(new URL(page.url()).search, "");
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.startsWith("failover-dashboard-"));
  assert.ok(session?.httpOnly && session.sameSite === "Strict", JSON.stringify(cookies));

  const row = page.locator('tr[data-tree="www"]');
  await row.waitFor(wait);
  assert.match(await row.textContent(), /www\.example\.com/);
  await page.waitForFunction(() => document.querySelector('tr[data-tree="www"] .last-run')?.textContent.includes("succeeded"), undefined, wait);

  await page.goto(`${new URL(dashboard.url).origin}/#/trees/www`);
  await page.waitForSelector("svg.diagram g.node", wait);
  await page.click('nav.tabs a:text-is("Drift")');
  await page.waitForSelector('.panel[data-panel="drift"]');
  await page.click('button:text-is("Check drift now")');
  await page.waitForSelector(".drift-summary", wait);
  assert.deepEqual(problems, [], "the page logged errors");
  assert.equal(dashboard.exited(), null, dashboard.output());
});
