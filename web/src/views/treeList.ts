import { api } from "../api";
import { fill, h } from "../dom";
import { badge, plural, when } from "../format";
import { busy } from "../busy";
import { Poller } from "../poller";
import { treeHref } from "../router";
import type { TreeDetail } from "../types";
import { errorBox } from "./errors";

/** The trees: status, versions, last run and last drift check. Refreshed while any tree is being applied. */
export class TreeListView {
  private readonly poller = new Poller(() => this.refresh(), 2000);
  private readonly body = h("div", { class: "tree-list", "aria-busy": "true" }, h("p", { class: "loading" }, "Loading trees…"));

  constructor(root: HTMLElement) {
    document.title = "failover — trees";
    fill(root,
      h("div", { class: "page-head" },
        h("h1", {}, "Trees"),
        h("p", { class: "actions" },
          h("a", { class: "button", href: "#/new" }, "New tree"),
          h("button", { type: "button", class: "secondary", onclick: () => void this.refresh() }, "Refresh"))),
      this.body);
    void this.refresh();
  }

  dispose(): void {
    this.poller.dispose();
  }

  private async refresh(): Promise<boolean> {
    let details: TreeDetail[];
    try {
      const list = await api.trees();
      details = await Promise.all(list.trees.map((tree) => api.tree(tree.name)));
    } catch (error) {
      fill(this.body, errorBox(error, "the trees"));
      this.body.setAttribute("aria-busy", "false");
      return true;
    }
    fill(this.body, details.length === 0 ? empty() : table(details));
    this.body.setAttribute("aria-busy", "false");
    const anyBusy = details.some(busy);
    if (anyBusy) this.poller.start();
    return anyBusy;
  }
}

function empty(): HTMLElement {
  return h("p", { class: "empty" }, "No trees yet. Make one with ", h("a", { href: "#/new" }, "New tree"), ", ", h("code", {}, "POST /trees"), " or ", h("code", {}, "failover apply SPEC"), ".");
}

function table(trees: TreeDetail[]): HTMLElement {
  return h("div", { class: "table-scroll", role: "region", "aria-label": "Trees", tabindex: 0 },
    h("table", { class: "trees" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Tree"),
        h("th", { scope: "col" }, "Status"),
        h("th", { scope: "col" }, "Version"),
        h("th", { scope: "col" }, "Last run"),
        h("th", { scope: "col" }, "Last drift check"))),
      h("tbody", {}, trees.map(row))));
}

function row(tree: TreeDetail): HTMLElement {
  const run = tree.lastRun;
  const drift = tree.lastDriftCheck;
  return h("tr", { "data-tree": tree.name },
    h("th", { scope: "row" },
      h("a", { href: treeHref(tree.name) }, tree.name),
      h("div", { class: "sub" }, `${tree.recordName} ${tree.recordType}`)),
    h("td", { "data-label": "Status" }, badge(tree.status)),
    h("td", { "data-label": "Version" },
      tree.currentVersion === null ? "none applied" : `v${tree.currentVersion}`,
      tree.latestVersion !== tree.currentVersion ? h("div", { class: "sub" }, `latest v${tree.latestVersion}`) : null),
    h("td", { "data-label": "Last run", class: "last-run" },
      run
        ? [badge(run.status), " ", run.kind.toLowerCase(), ` v${run.version}`,
          h("div", { class: "sub" }, when(run.finishedAt ?? run.updatedAt))]
        : "—"),
    h("td", { "data-label": "Last drift check", class: "last-drift" },
      drift
        ? [drift.driftedItems === 0 ? badge("IN_SYNC", "drift") : badge("DRIFTED", "drift"), " ",
          drift.driftedItems === 0 ? "" : plural(drift.driftedItems, "item"),
          h("div", { class: "sub" }, when(drift.checkedAt))]
        : "never"));
}
