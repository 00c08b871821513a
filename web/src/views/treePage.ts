import { api } from "../api";
import { healthOf, renderDiagram, type NodeStates } from "../diagram/render";
import { announce, fill, h } from "../dom";
import { badge, plural, when, words } from "../format";
import { busy } from "../busy";
import { Poller } from "../poller";
import { tabs, treeHref, type Tab } from "../router";
import type { Diagram, HealthState, NodeStatus, Run, TreeDetail } from "../types";
import type { DiagramHost, DraftView } from "../editor/editor";
import { DriftPanel } from "./driftPanel";
import { EditPanel } from "./editPanel";
import { errorBox } from "./errors";
import { PlanPanel } from "./planPanel";
import { TimelinePanel } from "./timelinePanel";
import { VersionsPanel } from "./versionsPanel";
import { WhatIfPanel } from "./whatIfPanel";

/** What a panel may read from and ask of the page. */
export interface TreeContext {
  readonly name: string;
  readonly detail: TreeDetail;
  readonly diagram: Diagram;
  /** Draws supposed health and answer shares over the diagram ("what if"); empty maps clear them. */
  suppose(health: Map<string, HealthState>, shares: Map<string, number>): void;
  /** Reads the tree and its diagram again (after a drift check, say). */
  reload(): Promise<void>;
  /** The editor's host: its draft is drawn on this page's diagram. */
  readonly host: DiagramHost;
  /** A run started (an edit applied, a rollback): read the tree again and follow the run on the diagram. */
  follow(): Promise<void>;
}

export interface Panel {
  readonly element: HTMLElement;
  dispose(): void;
}

const tabNames: Record<Tab, string> = {
  "what-if": "What if", plan: "Plan", drift: "Drift", versions: "Versions", timeline: "Timeline", edit: "Edit",
};

// Below this width the diagram is drawn as an outline, one node per row.
const narrow = window.matchMedia("(max-width: 720px)");

/**
 * One tree: its state, its diagram (live while a run is in progress), and the what-if, plan, drift, versions and
 * timeline panels. The page is built once per tree; switching panels keeps the diagram and its polling.
 */
export class TreePage implements TreeContext, DiagramHost {
  private readonly head = h("div", { class: "tree-head" });
  // Not a live region: it is drawn again at every poll. Progress is said through the announcer, a quarter at a time.
  private readonly runBox = h("div", { class: "run" });
  private progressSaid = "";
  private readonly figure = h("div", {
    class: "diagram-scroll", role: "region", tabindex: 0, "aria-label": "Diagram (scrolls with the arrow keys)",
  });
  private readonly nodeTable = h("div", { class: "node-table" });
  private readonly healthButton = h("button", { type: "button", onclick: () => void this.readHealth() }, "Read health again");
  private readonly healthBox = h("div", { class: "observed-health", "aria-live": "polite" });
  private readonly nav = h("nav", { class: "tabs", "aria-label": "Tree panels" });
  private readonly panelBox = h("section", { class: "panel", id: "panel", tabindex: -1 });
  private readonly poller = new Poller(() => this.poll(), 1000);
  private readonly onResize = () => this.drawDiagram();
  private panel: Panel | null = null;
  private tab: Tab | null = null;
  private supposedHealth = new Map<string, HealthState>();
  private observedHealth = new Map<string, HealthState>();
  private healthReads = 0;
  private shares = new Map<string, number>();
  private lastRunSeen: string | null = null;
  private _detail: TreeDetail | null = null;
  private _diagram: Diagram | null = null;
  private draft: DraftView | null = null;
  private readonly diagramHeading = h("h2", { id: "diagram-heading" }, "Diagram");

  constructor(private readonly root: HTMLElement, readonly name: string) {
    document.title = `failover — ${name}`;
    narrow.addEventListener("change", this.onResize);
    // In edit mode a node of the diagram is picked with a click (the editor's node list does it by keyboard).
    const pickNode = (event: Event) => {
      const node = (event.target as Element).closest("g.node");
      const id = node?.getAttribute("data-node-id");
      if (!this.draft || !id) return;
      event.preventDefault();
      this.draft.select(id);
      this.figure.querySelector<SVGGElement>(`g.node[data-node-id="${CSS.escape(id)}"]`)?.focus();
    };
    this.figure.addEventListener("click", pickNode);
    this.figure.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") pickNode(event);
    });
  }

  get host(): DiagramHost {
    return this;
  }

  showDraft(draft: DraftView | null): void {
    this.draft = draft;
    this.drawDiagram();
  }

  async follow(): Promise<void> {
    await this.reload();
    void this.readHealth();
  }

  get detail(): TreeDetail {
    return this._detail!;
  }

  get diagram(): Diagram {
    return this._diagram!;
  }

  async show(tab: Tab): Promise<void> {
    if (!this._detail) {
      fill(this.root, h("p", { class: "loading" }, `Loading ${this.name}…`));
      try {
        await this.load();
      } catch (error) {
        fill(this.root, h("p", {}, h("a", { href: "#/" }, "← All trees")), errorBox(error, `tree ${this.name}`));
        return;
      }
      fill(this.root,
        h("p", { class: "crumbs" }, h("a", { href: "#/" }, "← All trees")),
        this.head, this.runBox,
        h("section", { class: "diagram-section", "aria-labelledby": "diagram-heading" },
          this.diagramHeading,
          this.figure, this.healthBox, legend(), this.nodeTable),
        this.nav, this.panelBox);
      this.drawAll();
      if (this.running()) this.poller.start();
      void this.readHealth();
    }
    if (tab !== this.tab) this.openPanel(tab);
  }

  dispose(): void {
    this.poller.dispose();
    this.panel?.dispose();
    narrow.removeEventListener("change", this.onResize);
  }

  suppose(health: Map<string, HealthState>, shares: Map<string, number>): void {
    this.supposedHealth = health;
    this.shares = shares;
    this.drawDiagram();
  }

  async reload(): Promise<void> {
    await this.load();
    this.drawAll();
    if (this.running()) this.poller.start();
  }

  private async load(): Promise<void> {
    const detail = await api.tree(this.name);
    // While a run is in progress, draw the version it applies; otherwise the applied (or latest) version.
    const version = detail.lastRun?.status === "RUNNING" ? detail.lastRun.version : detail.currentVersion ?? detail.latestVersion;
    const diagram = this._diagram?.version === version && this._detail?.lastRun?.status === "RUNNING" && detail.lastRun?.status === "RUNNING"
      ? this._diagram
      : await api.diagram(this.name, version);
    this._detail = detail;
    this._diagram = diagram;
    this.lastRunSeen ??= detail.lastRun?.runId ?? null;
  }

  private running(): boolean {
    return this._detail != null && busy(this._detail);
  }

  /** One poll while a run is in progress: the run's node states redraw the diagram; at the end, everything reloads. */
  private async poll(): Promise<boolean> {
    const wasRunning = this.running();
    await this.load();
    const run = this.detail.lastRun;
    if (wasRunning && run && !this.running()) {
      // The run's end changes the tree (applied version, status): read it all again, the diagram included.
      this._diagram = await api.diagram(this.name, this.detail.currentVersion ?? this.detail.latestVersion);
      announce(`Run ${words(run.kind)} of version ${run.version} ${words(run.status)}.`);
      void this.readHealth();
    }
    this.drawAll();
    return this.running();
  }

  /**
   * What Route 53's checkers observe now, for the applied version. Each read costs a Route 53 call per health check,
   * so it happens when the page opens, after a run, and on request; never on a timer.
   */
  private async readHealth(): Promise<void> {
    const read = ++this.healthReads;
    const tree = this.detail;
    if (tree.currentVersion === null || tree.status === "DELETED" || tree.status === "DELETING") {
      this.observedHealth = new Map();
      fill(this.healthBox, h("p", { "data-state": "none" }, "Observed health: no applied version, so no health checks to read."));
      this.drawDiagram();
      return;
    }
    this.healthButton.disabled = true;
    try {
      const answer = await api.health(this.name);
      if (read !== this.healthReads) return;
      const observed = new Map<string, HealthState>();
      for (const node of answer.nodes) if (node.health !== "unknown") observed.set(node.nodeId, node.health === "healthy" ? "HEALTHY" : "UNHEALTHY");
      this.observedHealth = observed;
      const unhealthy = answer.nodes.filter((node) => node.health === "unhealthy").map((node) => node.nodeId);
      const healthy = answer.nodes.filter((node) => node.health === "healthy").length;
      fill(this.healthBox, h("p", { "data-state": "read", "data-unhealthy": unhealthy.join(",") },
        h("strong", {}, "Observed health"), ` of v${answer.version}, from Route 53's checkers, read `, when(answer.observedAt), ": ",
        answer.nodes.length === 0 ? "no endpoint has a health check." : [
          `${healthy} healthy`,
          unhealthy.length > 0 ? `, ${unhealthy.length} unhealthy (${unhealthy.join(", ")})` : "",
          answer.nodes.length > healthy + unhealthy.length ? `, ${answer.nodes.length - healthy - unhealthy.length} unknown` : "",
          ". "],
        this.healthButton));
    } catch (error) {
      if (read !== this.healthReads) return;
      this.observedHealth = new Map();
      fill(this.healthBox, errorBox(error, "the observed health"), this.healthButton);
    } finally {
      if (read === this.healthReads) this.healthButton.disabled = false;
    }
    this.drawDiagram();
  }

  private drawAll(): void {
    this.drawHead();
    this.drawRun();
    this.drawDiagram();
  }

  private drawHead(): void {
    const tree = this.detail;
    fill(this.head,
      h("h1", {}, tree.name, " ", badge(tree.status)),
      h("dl", { class: "facts" },
        fact("Answers for", `${tree.recordName} ${tree.recordType}`),
        fact("Hosted zone", tree.hostedZoneId),
        fact("Version", tree.currentVersion === null ? `none applied (latest v${tree.latestVersion})`
          : `v${tree.currentVersion}${tree.latestVersion !== tree.currentVersion ? ` (latest v${tree.latestVersion})` : ""}`),
        fact("Drift policy", tree.driftPolicy ?? "the deployment's default"),
        fact("Last drift check", tree.lastDriftCheck
          ? [when(tree.lastDriftCheck.checkedAt), ` — ${plural(tree.lastDriftCheck.driftedItems, "drifted item")}`]
          : "never")));
  }

  private drawRun(): void {
    const run = this.detail.lastRun;
    if (!run) {
      fill(this.runBox, h("p", {}, "No run yet."));
      return;
    }
    const total = run.nodes.length;
    const finished = (run.nodeCounts.DONE ?? 0) + (run.nodeCounts.DELETED ?? 0) + (run.nodeCounts.FAILED ?? 0);
    if (busy(this.detail)) {
      const said = `${run.runId} ${total ? Math.floor((4 * finished) / total) : 0}`;
      if (said !== this.progressSaid) announce(`Run ${words(run.kind)} of version ${run.version}: ${finished} of ${plural(total, "node")} finished.`);
      this.progressSaid = said;
    }
    fill(this.runBox,
      h("p", { class: "run-line" },
        h("strong", {}, `Last run: ${words(run.kind)} of v${run.version} `), badge(run.status), " ",
        `${finished} of ${plural(total, "node")} finished`, " · started ", when(run.createdAt),
        run.finishedAt ? [" · finished ", when(run.finishedAt)] : null),
      h("progress", { max: Math.max(1, total), value: finished, "aria-label": "Run progress" }),
      attachmentRows(run, this.detail.recordName),
      run.error ? h("p", { class: "error", role: "alert" }, run.error) : null);
  }

  private drawDiagram(): void {
    if (!this._diagram) return;
    if (this.draft) {
      this.drawDraft(this.draft);
      return;
    }
    fill(this.diagramHeading, "Diagram");
    const progress = this.runProgress();
    const states: NodeStates = {
      progress, unchanged: this.unchanged(progress), health: this.supposedHealth, observed: this.observedHealth, shares: this.shares,
    };
    const mode = narrow.matches ? "outline" : "tree";
    const width = this.figure.clientWidth || this.root.clientWidth || 360;
    const summary = `Tree ${this.diagram.tree} version ${this.diagram.version}: ${plural(this.diagram.nodes.length, "node")}`;
    fill(this.figure, renderDiagram(this.diagram.nodes, states, mode, width, summary));
    this.figure.setAttribute("data-version", String(this.diagram.version));
    fill(this.nodeTable, nodeTable(this.diagram, states));
  }

  /** The editor's draft over the same diagram: the selected node framed, each node's errors on it. */
  private drawDraft(draft: DraftView): void {
    fill(this.diagramHeading, "Diagram ", h("span", { class: "badge status-applying" }, "draft"));
    const states: NodeStates = {
      progress: new Map(), unchanged: new Set(), health: new Map(), observed: new Map(), shares: new Map(),
      selected: draft.selected, errors: draft.errors,
    };
    const mode = narrow.matches ? "outline" : "tree";
    const width = this.figure.clientWidth || this.root.clientWidth || 360;
    fill(this.figure, renderDiagram(draft.nodes, states, mode, width, `Draft of ${this.name}: ${plural(draft.nodes.length, "node")}`));
    this.figure.setAttribute("data-version", "draft");
    fill(this.nodeTable);
  }

  /**
   * Once a version is applied, a later run of it (an update, a repair) touches only what changes: every other node is
   * in Route 53 as before.
   */
  private unchanged(progress: Map<string, NodeStatus>): Set<string> {
    const applied = this.detail.currentVersion === this.diagram.version || this.detail.lastRun?.version === this.diagram.version;
    if (!applied || this.detail.currentVersion === null && this.detail.lastRun?.status !== "SUCCEEDED") return new Set();
    return new Set(this.diagram.nodes.filter((node) => !progress.has(node.id) && !node.progress).map((node) => node.id));
  }

  /**
   * The run's progress for the diagram's version (another version's run says nothing about these nodes). A root rule
   * has no record of its own: its records are its children's, at the tree's name, so it stands where they stand.
   */
  private runProgress(): Map<string, NodeStatus> {
    const run = this.detail.lastRun;
    const progress = new Map<string, NodeStatus>();
    if (run && run.version === this.diagram.version) for (const node of run.nodes) progress.set(node.nodeId, node.status);
    const root = this.diagram.nodes.find((node) => node.parentId === null);
    if (root && root.kind === "rule" && !progress.has(root.id) && !root.progress) {
      const children = this.diagram.nodes
        .filter((node) => node.parentId === root.id)
        .map((node) => progress.get(node.id) ?? node.progress);
      const together = combined(children);
      if (together) progress.set(root.id, together);
    }
    return progress;
  }

  private openPanel(tab: Tab): void {
    this.panel?.dispose();
    this.tab = tab;
    fill(this.nav, h("ul", {}, tabs.map((t) =>
      h("li", {}, h("a", { href: treeHref(this.name, t), "aria-current": t === tab ? "page" : undefined }, tabNames[t])))));
    const panel = tab === "what-if" ? new WhatIfPanel(this)
      : tab === "plan" ? new PlanPanel(this)
      : tab === "drift" ? new DriftPanel(this)
      : tab === "edit" ? new EditPanel(this)
      : tab === "timeline" ? new TimelinePanel(this)
      : new VersionsPanel(this);
    if (tab !== "what-if" && (this.supposedHealth.size > 0 || this.shares.size > 0)) this.suppose(new Map(), new Map());
    this.panel = panel;
    this.panelBox.setAttribute("aria-label", tabNames[tab]);
    this.panelBox.setAttribute("data-panel", tab);
    fill(this.panelBox, panel.element);
  }
}

/** Where a set of records stands as one: failed if any failed, done when all are, pending until one moves. */
function combined(states: (NodeStatus | undefined)[]): NodeStatus | undefined {
  if (states.length === 0 || states.some((state) => state === undefined)) return undefined;
  if (states.includes("FAILED")) return "FAILED";
  if (states.every((state) => state === "DONE" || state === "DELETED")) return "DONE";
  if (states.every((state) => state === "PENDING")) return "PENDING";
  return "IN_PROGRESS";
}

function fact(term: string, ...value: (Node | string | (Node | string)[])[]): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, ...value)];
}

function legend(): HTMLElement {
  const item = (cls: string, text: string) => h("li", {}, h("span", { class: `swatch ${cls}`, "aria-hidden": "true" }), text);
  return h("details", { class: "legend" },
    h("summary", {}, "Legend"),
    h("ul", {},
      item("progress-pending", "pending"), item("progress-in-progress", "in progress"), item("progress-done", "done"),
      item("progress-failed", "failed"), item("unchanged", "unchanged by the last run"), item("drift-missing", "drift: missing"), item("drift-changed", "drift: changed"),
      item("health-healthy", "healthy, as Route 53's checkers observe it"), item("health-unhealthy", "unhealthy, as observed"),
      item("health-healthy health-supposed", "supposed healthy (what if: paler)"), item("health-unhealthy health-supposed", "supposed unhealthy (what if: paler)"),
      item("answering", "answers (what if)")));
}

/** The diagram as a table: the same facts, for screen readers and for reading at any width. */
function nodeTable(diagram: Diagram, states: NodeStates): HTMLElement {
  return h("details", { class: "nodes" },
    h("summary", {}, `The ${diagram.nodes.length} nodes as a table`),
    h("div", { class: "table-scroll", role: "region", "aria-label": "Nodes", tabindex: 0 },
      h("table", {},
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "Node"), h("th", { scope: "col" }, "Record"), h("th", { scope: "col" }, "Name"),
          h("th", { scope: "col" }, "Run"), h("th", { scope: "col" }, "Drift"), h("th", { scope: "col" }, "Health"))),
        h("tbody", {}, diagram.nodes.map((node) => {
          const progress = states.progress.get(node.id) ?? node.progress;
          const { health, source } = healthOf(node.id, states, node.health);
          return h("tr", { "data-node-id": node.id },
            h("th", { scope: "row" }, node.id),
            h("td", {}, node.recordKind),
            h("td", {}, node.recordName),
            h("td", {}, progress ? words(progress) : states.unchanged.has(node.id) ? "unchanged" : "—"),
            h("td", {}, node.drift ? words(node.drift) : "—"),
            h("td", {}, health ? (source === "supposed" ? `${words(health)} (what if)` : `${words(health)} (observed)`) : "—"));
        })))));
}

/**
 * A tree of several names keeps each attachment's records apart in its progress (`<node>@<recordName>`; the first
 * attachment's, and the shared health checks, under the node's id): one row per attachment, or nothing for one name.
 */
function attachmentRows(run: Run, firstName: string): HTMLElement | null {
  const byName = new Map<string, Run["nodes"]>();
  for (const node of run.nodes) {
    const at = node.nodeId.indexOf("@");
    const name = at > 0 ? node.nodeId.slice(at + 1) : firstName;
    byName.set(name, [...(byName.get(name) ?? []), node]);
  }
  if (byName.size < 2) return null;
  return h("table", { class: "attachments", "aria-label": "Last run by attachment" },
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "Attachment"), h("th", { scope: "col" }, "Finished"), h("th", { scope: "col" }, "Failed"))),
    h("tbody", {}, [...byName].map(([name, nodes]) => {
      const finished = nodes.filter((n) => n.status === "DONE" || n.status === "DELETED" || n.status === "FAILED").length;
      return h("tr", { "data-attachment": name },
        h("th", { scope: "row" }, name === firstName ? `${name} (and the shared health checks)` : name),
        h("td", {}, `${finished} of ${plural(nodes.length, "node")}`),
        h("td", {}, String(nodes.filter((n) => n.status === "FAILED").length)));
    })));
}
