import type {
  Diagram, DriftReport, Plan, ProblemDocument, Simulation, TreeDetail, TreeHealth, TreeList, VersionList, VersionSpec,
} from "./types";

/** A failed call: the API's problem document (RFC 9457) when it sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: ProblemDocument | null, message: string) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  // X-Failover-Client on every call: the API refuses a mutating request with neither a JSON body nor this header, which
  // is what a page on another site could make a browser send (checkDrift posts no body).
  const init: RequestInit = { method, headers: { accept: "application/json", "x-failover-client": "dashboard" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: "application/json", "content-type": "application/json", "x-failover-client": "dashboard" };
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, null, `the API did not answer ${method} ${path}: ${String(error)}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let problem: ProblemDocument | null = null;
    try {
      problem = JSON.parse(text) as ProblemDocument;
    } catch {
      // Not a problem document (a gateway's own error page): the status says enough.
    }
    const detail = problem?.detail ?? problem?.title ?? (text.slice(0, 200) || response.statusText);
    throw new ApiError(response.status, problem, `${method} ${path}: ${response.status} ${detail}`);
  }
  return JSON.parse(text) as T;
}

const tree = (name: string) => `/trees/${encodeURIComponent(name)}`;

export const api = {
  trees: () => call<TreeList>("GET", "/trees?limit=100"),
  tree: (name: string) => call<TreeDetail>("GET", tree(name)),
  versions: (name: string) => call<VersionList>("GET", `${tree(name)}/versions`),
  version: (name: string, version: number) => call<VersionSpec>("GET", `${tree(name)}/versions/${version}`),
  diagram: (name: string, version: number | null) =>
    call<Diagram>("GET", `${tree(name)}/diagram?format=json${version === null ? "" : `&version=${version}`}`),
  plan: (name: string) => call<Plan>("GET", `${tree(name)}/plan`),
  drift: (name: string) => call<DriftReport>("GET", `${tree(name)}/drift`),
  checkDrift: (name: string) => call<DriftReport>("POST", `${tree(name)}/drift-check`),
  /** Costs one Route 53 call per health check: asked when a tree page opens and after a run, never polled. */
  health: (name: string) => call<TreeHealth>("GET", `${tree(name)}/health`),
  simulate: (name: string, version: number, query: { unhealthy: string[]; region?: string; location?: string; coordinates?: string; clientIp?: string }) =>
    call<Simulation>("POST", `${tree(name)}/simulate?version=${version}`, query),
};
