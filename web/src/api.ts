import type {
  Diagram, DriftReport, DryRunPlan, EventList, ImportedSpec, Plan, ProblemDocument, RunAccepted, Simulation, SimulationQuery,
  TreeDetail, TreeHealth, TreeList, VersionList, VersionSpec,
} from "./types";

/** A failed call: the API's problem document (RFC 9457) when it sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: ProblemDocument | null, message: string) {
    super(message);
  }
}

/** A body sent as it is (a pasted document), so the API's errors point at the user's own lines and columns. */
class RawBody {
  constructor(readonly text: string) {}
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  // X-Failover-Client on every call: the API refuses a mutating request with neither a JSON body nor this header, which
  // is what a page on another site could make a browser send (checkDrift posts no body).
  const init: RequestInit = { method, headers: { accept: "application/json", "x-failover-client": "dashboard" } };
  if (body !== undefined) {
    init.body = body instanceof RawBody ? body.text : JSON.stringify(body);
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
  /** The tree's recent events (runs, drift, answer changes), newest first. */
  events: (name: string, limit = 50) => call<EventList>("GET", `${tree(name)}/events?limit=${limit}`),
  simulate: (name: string, version: number, query: SimulationQuery) =>
    call<Simulation>("POST", `${tree(name)}/simulate?version=${version}`, query),
  /** The what-if of a draft spec, stored nowhere (the body carries the spec). */
  simulateDraft: (name: string, spec: unknown, query: SimulationQuery) =>
    call<Simulation>("POST", `${tree(name)}/simulate`, { ...query, spec }),
  /**
   * The service's validation and plan of a draft, changing nothing. `baseVersion`: the version the draft was edited from
   * (0 for a new tree); the API refuses it (409 stale-version) once another version is stored.
   */
  dryRun: (spec: unknown, baseVersion: number, force: boolean) =>
    call<DryRunPlan>("POST", `/trees?dryRun=true&baseVersion=${baseVersion}${force ? "&force=true" : ""}`, spec),
  /** Stores the draft as a new version and starts a run applying it. */
  apply: (spec: unknown, baseVersion: number, force: boolean) =>
    call<RunAccepted>("POST", `/trees?baseVersion=${baseVersion}${force ? "&force=true" : ""}`, spec),
  rollback: (name: string, version: number) => call<RunAccepted>("POST", `${tree(name)}/rollback`, { version }),
  importTrafficPolicy: (document: string, head: { name: string; hostedZoneId: string; zoneName: string; recordName: string }) =>
    call<ImportedSpec>("POST", `/imports/traffic-policy?${new URLSearchParams(head).toString()}`, new RawBody(document)),
};
