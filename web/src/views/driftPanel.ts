import { api } from "../api";
import { announce, fill, h } from "../dom";
import { badge, plural, when } from "../format";
import type { DriftItem, DriftReport } from "../types";
import { errorBox } from "./errors";
import type { Panel, TreeContext } from "./treePage";

/** The last drift report (GET /trees/{name}/drift) and a button to check now (POST /trees/{name}/drift-check). */
export class DriftPanel implements Panel {
  readonly element: HTMLElement;
  private readonly body = h("div", { class: "drift-report", "aria-live": "polite" });
  private readonly button = h("button", { type: "button", onclick: () => void this.check() }, "Check drift now");
  private disposed = false;

  constructor(private readonly tree: TreeContext) {
    this.element = h("div", {},
      h("div", { class: "panel-head" }, h("h2", {}, "Drift"), this.button),
      this.body);
    if (tree.detail.lastDriftCheck) void this.load();
    else fill(this.body, h("p", { class: "empty" }, "Not checked yet: the schedule has not reached this tree. Check it now to compare Route 53 with the tree."));
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(): Promise<void> {
    this.body.setAttribute("aria-busy", "true");
    try {
      const report = await api.drift(this.tree.name);
      if (!this.disposed) fill(this.body, render(report));
    } catch (error) {
      if (!this.disposed) fill(this.body, errorBox(error, "the drift report"));
    }
    this.body.setAttribute("aria-busy", "false");
  }

  private async check(): Promise<void> {
    this.button.disabled = true;
    this.button.textContent = "Checking…";
    this.body.setAttribute("aria-busy", "true");
    try {
      const report = await api.checkDrift(this.tree.name);
      if (this.disposed) return;
      fill(this.body, render(report));
      announce(report.driftedItems === 0 ? "No drift: Route 53 matches the tree." : `${plural(report.driftedItems, "drifted item")} found.`);
      // The diagram shows drift per node, and the tree its last check.
      await this.tree.reload();
    } catch (error) {
      if (!this.disposed) fill(this.body, errorBox(error, "the drift check"));
    } finally {
      this.button.disabled = false;
      this.button.textContent = "Check drift now";
      this.body.setAttribute("aria-busy", "false");
    }
  }
}

function render(report: DriftReport): HTMLElement[] {
  const items = report.report.items ?? [];
  const out: HTMLElement[] = [
    h("p", { class: "drift-summary", "data-drifted-items": report.driftedItems },
      report.driftedItems === 0 ? badge("IN_SYNC", "drift") : badge("DRIFTED", "drift"), " ",
      report.driftedItems === 0 ? "Route 53 matches the tree" : plural(report.driftedItems, "drifted item"),
      " · checked ", when(report.checkedAt)),
  ];
  const repair = report.report.repair as { status?: string; runId?: string; reason?: string } | undefined;
  if (repair?.status) out.push(h("p", {}, `Repair: ${repair.status}`, repair.runId ? ` (run ${repair.runId})` : "", repair.reason ? ` — ${repair.reason}` : ""));
  if (items.length) {
    out.push(h("div", { class: "table-scroll", role: "region", "aria-label": "Drifted items", tabindex: 0 },
      h("table", { class: "drift-items" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Kind"), h("th", { scope: "col" }, "Node"), h("th", { scope: "col" }, "What"))),
        h("tbody", {}, items.map(itemRow)))));
  }
  return out;
}

function itemRow(item: DriftItem): HTMLElement {
  const kind = String(item.kind ?? "unknown");
  const fields = (item.fields as { field: string; expected: string | null; actual: string | null }[] | undefined) ?? [];
  return h("tr", { "data-kind": kind, "data-node-id": item.nodeId ?? "" },
    h("td", {}, h("span", { class: `badge drift-kind-${kind}` }, kind.replace(/([A-Z])/g, " $1").toLowerCase())),
    h("td", {}, item.nodeId ?? "—"),
    h("td", { class: "wrap" }, String(item.message ?? ""),
      fields.length
        ? h("ul", { class: "fields" }, fields.map((f) => h("li", {}, h("code", {}, f.field), `: ${f.expected ?? "none"} → ${f.actual ?? "none"}`)))
        : null));
}
