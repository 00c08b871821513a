import { api } from "../api";
import { hunks, diffLines, type DiffLine } from "../diff/lineDiff";
import { announce, fill, h } from "../dom";
import { plural, when } from "../format";
import type { VersionList } from "../types";
import { errorBox } from "./errors";
import type { Panel, TreeContext } from "./treePage";

/** The stored versions, and the diff between any two of them (their specs, as the service stored them). */
export class VersionsPanel implements Panel {
  readonly element: HTMLElement;
  private readonly list = h("div", { "aria-busy": "true" }, h("p", { class: "loading" }, "Loading versions…"));
  private readonly diffBox = h("div", { class: "diff", id: "version-diff", "aria-live": "polite" });
  private readonly specs = new Map<number, string>();
  private readonly rollbackBox = h("div", { class: "rollback-state", "aria-live": "polite" });
  private disposed = false;

  constructor(private readonly tree: TreeContext) {
    this.element = h("div", {}, h("h2", {}, "Versions"), this.list, this.diffBox);
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(): Promise<void> {
    let versions: VersionList;
    try {
      versions = await api.versions(this.tree.name);
    } catch (error) {
      if (!this.disposed) fill(this.list, errorBox(error, "the versions"));
      return;
    }
    if (this.disposed) return;
    this.list.setAttribute("aria-busy", "false");
    const numbers = versions.versions.map((v) => v.version);
    const newest = numbers[0] ?? 1;
    const older = numbers[1] ?? newest;
    const picker = (id: string, label: string, chosen: number) =>
      h("p", { class: "field" },
        h("label", { for: id }, label),
        h("select", { id, name: id }, numbers.map((n) => h("option", { value: n, selected: n === chosen }, `v${n}`))));
    const form = h("form", { class: "compare", onsubmit: (event: Event) => {
      event.preventDefault();
      const from = Number((form.querySelector("#diff-from") as HTMLSelectElement).value);
      const to = Number((form.querySelector("#diff-to") as HTMLSelectElement).value);
      void this.compare(from, to);
    } },
      h("fieldset", {}, h("legend", {}, "Compare two versions"),
        picker("diff-from", "From", older), picker("diff-to", "To", newest),
        h("p", { class: "actions" }, h("button", { type: "submit" }, "Show diff"))));

    fill(this.list,
      h("div", { class: "table-scroll", role: "region", "aria-label": "Versions", tabindex: 0 },
        h("table", { class: "versions" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Version"), h("th", { scope: "col" }, "Stored"), h("th", { scope: "col" }, "SHA-256"),
            h("th", { scope: "col" }, "Roll back"))),
          h("tbody", {}, versions.versions.map((v) =>
            h("tr", { "data-version": v.version },
              h("th", { scope: "row" }, `v${v.version}`, v.current ? h("span", { class: "badge status-active" }, "applied") : null),
              h("td", {}, when(v.createdAt)),
              h("td", {}, h("code", { title: v.sha256 }, v.sha256.slice(0, 12))),
              h("td", {}, v.current ? "—" : h("button", { type: "button", class: "secondary rollback", "data-version": v.version,
                onclick: (event: Event) => void this.rollback(v.version, event.target as HTMLButtonElement) }, `Roll back to v${v.version}`))))))),
      this.rollbackBox,
      form);
    if (numbers.length >= 2) void this.compare(older, newest);
    else fill(this.diffBox, h("p", { class: "empty" }, "Only one version is stored: nothing to compare yet. Pick it on both sides to read its spec."));
  }

  /** One click: a run that applies `version` again (make-before-break, as any apply); the diagram follows it. */
  private async rollback(version: number, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const run = await api.rollback(this.tree.name, version);
      fill(this.rollbackBox, h("p", { class: "ok" }, `Rolling back to v${run.version}: the diagram follows the run.`));
      announce(`Rolling back to version ${run.version}.`);
      await this.tree.follow();
      if (!this.disposed) void this.load();
    } catch (error) {
      if (!this.disposed) fill(this.rollbackBox, errorBox(error, `a rollback to v${version}`));
      button.disabled = false;
    }
  }

  private async spec(version: number): Promise<string> {
    let text = this.specs.get(version);
    if (text === undefined) {
      text = JSON.stringify((await api.version(this.tree.name, version)).spec, null, 2);
      this.specs.set(version, text);
    }
    return text;
  }

  private async compare(from: number, to: number): Promise<void> {
    this.diffBox.setAttribute("aria-busy", "true");
    let oldText: string;
    let newText: string;
    try {
      [oldText, newText] = await Promise.all([this.spec(from), this.spec(to)]);
    } catch (error) {
      if (!this.disposed) fill(this.diffBox, errorBox(error, "the versions' specs"));
      return;
    }
    if (this.disposed) return;
    this.diffBox.setAttribute("aria-busy", "false");
    if (from === to) {
      fill(this.diffBox, h("h3", {}, `Spec of v${from}`), h("pre", { class: "spec", tabindex: 0 }, newText));
      return;
    }
    const lines = diffLines(oldText, newText);
    const added = lines.filter((line) => line.op === "add").length;
    const removed = lines.filter((line) => line.op === "del").length;
    const parts = hunks(lines);
    fill(this.diffBox,
      h("h3", {}, `v${from} → v${to}`),
      h("p", { class: "diff-summary", "data-added": added, "data-removed": removed },
        parts.length === 0 ? "The two specs are the same." : `${plural(added, "line")} added, ${plural(removed, "line")} removed.`),
      parts.length === 0 ? null : h("pre", { class: "diff-text", tabindex: 0, "aria-label": `Diff of v${from} and v${to}` },
        parts.flatMap((hunk) => [
          h("span", { class: "hunk" }, `@@ v${from} line ${hunk.aStart}, v${to} line ${hunk.bStart} @@\n`),
          ...hunk.lines.map(line),
        ])));
  }
}

function line(diff: DiffLine): HTMLElement {
  const mark = diff.op === "add" ? "+" : diff.op === "del" ? "-" : " ";
  const label = diff.op === "add" ? "added: " : diff.op === "del" ? "removed: " : "";
  return h(diff.op === "add" ? "ins" : diff.op === "del" ? "del" : "span", { class: `line line-${diff.op}` },
    h("span", { class: "visually-hidden" }, label), `${mark} ${diff.text}\n`);
}
