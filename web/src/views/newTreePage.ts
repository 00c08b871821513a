import { api, ApiError } from "../api";
import { Editor, type DiagramHost, type DraftView } from "../editor/editor";
import { renderDiagram, type NodeStates } from "../diagram/render";
import { announce, fill, h } from "../dom";
import { plural } from "../format";
import { treeHref } from "../router";
import type { JsonObject } from "../editor/specTree";
import { specFrom, templates, type TreeHead } from "../editor/templates";

const narrow = window.matchMedia("(max-width: 720px)");

/**
 * A new tree: name it and its zone, then start from a template or from a pasted Traffic Flow policy document (the API
 * imports it), and continue in the editor. Nothing is stored until the editor applies it.
 */
export class NewTreePage implements DiagramHost {
  private readonly figure = h("div", { class: "diagram-scroll", role: "region", tabindex: 0, "aria-label": "Diagram of the draft" });
  private readonly start = h("div", { class: "start" });
  private readonly editorBox = h("div", {});
  private readonly message = h("div", { "aria-live": "polite" });
  private editor: Editor | null = null;
  private draft: DraftView | null = null;

  constructor(private readonly root: HTMLElement) {
    document.title = "failover — new tree";
    const pickNode = (event: Event) => {
      const id = (event.target as Element).closest("g.node")?.getAttribute("data-node-id");
      if (!this.draft || !id) return;
      event.preventDefault();
      this.draft.select(id);
      this.figure.querySelector<SVGGElement>(`g.node[data-node-id="${CSS.escape(id)}"]`)?.focus();
    };
    this.figure.addEventListener("click", pickNode);
    this.figure.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") pickNode(event);
    });
    fill(root,
      h("p", { class: "crumbs" }, h("a", { href: "#/" }, "← All trees")),
      h("h1", {}, "New tree"),
      this.start, this.message,
      h("section", { class: "diagram-section", "aria-labelledby": "new-diagram-heading" },
        h("h2", { id: "new-diagram-heading" }, "Diagram ", h("span", { class: "badge status-applying" }, "draft")), this.figure),
      this.editorBox);
    void this.drawStart();
  }

  dispose(): void {
    this.editor?.dispose();
  }

  showDraft(draft: DraftView | null): void {
    this.draft = draft;
    if (!draft) {
      fill(this.figure);
      return;
    }
    const states: NodeStates = {
      progress: new Map(), unchanged: new Set(), health: new Map(), observed: new Map(), shares: new Map(),
      selected: draft.selected, errors: draft.errors,
    };
    const width = this.figure.clientWidth || this.root.clientWidth || 360;
    fill(this.figure, renderDiagram(draft.nodes, states, narrow.matches ? "outline" : "tree", width, `Draft: ${plural(draft.nodes.length, "node")}`));
    this.figure.setAttribute("data-version", "draft");
  }

  private async drawStart(): Promise<void> {
    // The zones of the trees already here, offered as choices (the API lists no zones of its own).
    let zones: string[] = [];
    try {
      zones = [...new Set((await api.trees()).trees.map((tree) => tree.hostedZoneId))];
    } catch {
      // Typed by hand then.
    }
    const input = (id: string, label: string, hint: string, value = "", list?: string) =>
      h("p", { class: "field" }, h("label", { for: id }, label),
        h("input", { id, name: id, type: "text", required: true, autocomplete: "off", spellcheck: "false", value, list, "aria-describedby": `${id}-hint` }),
        h("span", { class: "field-hint", id: `${id}-hint` }, hint));
    const form = h("form", { class: "new-tree", onsubmit: (event: Event) => {
      event.preventDefault();
      void this.begin(form);
    } },
    h("fieldset", {}, h("legend", {}, "The tree"),
      input("new-name", "Name", "1–64 letters, digits, '-' or '_'."),
      input("new-zone-id", "Hosted zone id", "Without /hostedzone/.", zones[0] ?? "", "new-zones"),
      h("datalist", { id: "new-zones" }, zones.map((zone) => h("option", { value: zone }))),
      input("new-zone-name", "Zone name", "The zone's apex, e.g. example.com.", "example.com"),
      input("new-record-name", "Record name", "The name the tree answers for, e.g. www.example.com.")),
    h("fieldset", {}, h("legend", {}, "Start from"),
      h("ul", { class: "checks templates" },
        templates.map((t, i) => h("li", {}, h("label", {},
          h("input", { type: "radio", name: "start", value: t.id, checked: i === 0 }),
          h("strong", {}, ` ${t.title}`), h("span", { class: "sub" }, ` — ${t.description}`)))),
        h("li", {}, h("label", {}, h("input", { type: "radio", name: "start", value: "traffic-flow" }),
          h("strong", {}, " A Traffic Flow policy document"), h("span", { class: "sub" }, " — paste it below; the service converts it")))),
      h("p", { class: "field" }, h("label", { for: "new-policy" }, "Traffic Flow policy document (JSON)"),
        h("textarea", { id: "new-policy", name: "policy", rows: 8, spellcheck: "false", autocomplete: "off",
          oninput: () => { (form.querySelector("input[value=traffic-flow]") as HTMLInputElement).checked = true; } }))),
    h("p", { class: "actions" }, h("button", { type: "submit" }, "Start editing")));
    fill(this.start, form);
  }

  private async begin(form: HTMLFormElement): Promise<void> {
    const value = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement).value.trim();
    const head: TreeHead = { name: value("new-name"), hostedZoneId: value("new-zone-id"), zoneName: value("new-zone-name"), recordName: value("new-record-name") };
    const choice = (form.querySelector("input[name=start]:checked") as HTMLInputElement | null)?.value ?? templates[0]!.id;
    let spec: JsonObject;
    if (choice === "traffic-flow") {
      try {
        const imported = await api.importTrafficPolicy((form.querySelector("#new-policy") as HTMLTextAreaElement).value, head);
        spec = imported.spec as JsonObject;
        fill(this.message, h("p", { class: "ok" }, "Imported the Traffic Flow document.",
          imported.warnings?.length ? ` ${plural(imported.warnings.length, "note")}: ${imported.warnings.map((w) => `${w.path ?? ""} ${w.message}`).join("; ")}` : ""));
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : null;
        fill(this.message, h("div", { class: "error", role: "alert" },
          h("p", {}, h("strong", {}, "The document could not be imported: "), problem?.detail ?? String(error)),
          problem?.errors?.length ? h("ul", {}, problem.errors.map((e) => h("li", {}, h("code", {}, e.path ?? e.parameter ?? ""), " ", e.message))) : null));
        return;
      }
    } else {
      spec = specFrom(templates.find((t) => t.id === choice)!, head);
      fill(this.message);
    }
    this.editor?.dispose();
    this.editor = new Editor(spec, {
      tree: null,
      baseVersion: 0,
      currentVersion: null,
      host: this,
      applied: (name) => {
        location.hash = treeHref(name);
      },
    });
    fill(this.editorBox, this.editor.element);
    announce("The draft is in the editor below.");
    this.editorBox.querySelector<HTMLElement>("h2")?.setAttribute("tabindex", "-1");
    this.editorBox.querySelector<HTMLElement>("h2")?.focus();
  }
}
