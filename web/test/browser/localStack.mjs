// Starts the local stack (src/Local) on free loopback ports for the browser test, and stops it with its moto.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * `dotnet run --project src/Local` with the drift schedule off (the test checks drift itself), and `extraArgs` (e.g.
 * `--require-signature`). With FAILOVER_LOCAL_NO_BUILD=1 (CI, after `dotnet test` built everything) it runs the build
 * that is there.
 */
export async function startLocalStack({ log = () => {}, extraArgs = [] } = {}) {
  // A port found free can be taken before the stack binds it (by its own moto child, or anything else on the
  // machine): that start fails at once, naming the address, and is tried again on new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(log, extraArgs);
    } catch (error) {
      if (attempt === 3 || !/address already in use/i.test(String(error?.message))) throw error;
      log(`local stack: a port was taken before it bound it; trying again on other ports (${attempt + 1} of 3)\n`);
    }
  }
}

async function startOnce(log, extraArgs) {
  const edgePort = await freePort();
  let apiPort = await freePort();
  while (apiPort === edgePort) apiPort = await freePort();
  const args = ["run", "--project", "src/Local"];
  if (process.env.FAILOVER_LOCAL_NO_BUILD === "1") args.push("--no-build");
  // Route 53 changes stay PENDING for 3 s, as they do for a while on AWS: long enough to watch a run move.
  args.push("--", "--edge-port", String(edgePort), "--api-port", String(apiPort), "--drift-interval", "0", "--change-pending", "3", ...extraArgs);
  const child = spawn("dotnet", args, {
    cwd: repository,
    // Its own process group: stopping the test stops dotnet, the stack and moto together.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
    log(chunk.toString());
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));

  const edge = `http://127.0.0.1:${edgePort}`;
  const api = `http://127.0.0.1:${apiPort}`;
  const stack = {
    edge,
    api,
    output: () => output,
    async stop() {
      if (exited) return;
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {
        return;
      }
      for (let i = 0; i < 100 && !exited; i++) await sleep(100);
      if (!exited) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    },
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the local stack exited (${JSON.stringify(exited)}) before it was ready:\n${output}`);
    try {
      const response = await fetch(`${edge}/_local/health`);
      if (response.ok) {
        const health = await response.json();
        if (health.resources?.hostedZones?.["example.com"] && health.api) return { ...stack, health };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stack.stop();
  throw new Error(`the local stack was not ready within 90 s:\n${output}`);
}

/** The AWS CLI against the stack's edge, as an operator would change Route 53 behind the service's back. */
export function aws(stack, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn("aws", ["--region", "us-east-1", "--endpoint-url", stack.edge, "--output", "json", ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_DEFAULT_REGION: "us-east-1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(out ? JSON.parse(out) : null) : reject(new Error(`aws ${args.join(" ")}: ${err}`))));
  });
}
