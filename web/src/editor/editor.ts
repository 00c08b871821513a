import { api, ApiError } from "../api";
import { announce, fill, h } from "../dom";
import { percent, plural } from "../format";
import type { DiagramNode, DryRunPlan, FieldError, Simulation, SimulationQuery } from "../types";
import { render as renderPlan } from "../views/planPanel";
import { draftNodes, drawnIds } from "./draftDiagram";
import { objectFields, type FieldErrors, type FormEvents } from "./schemaForm";
import { nodeSchema, routings, specSchema } from "./schema";
import { SpecTextView, type SpecFormat } from "./specText";
import {
  addChild, changeRouting, childAttribute, clone, isObject, kindOf, nodeAt, nodePathOf, nodesOf, removeNode, type JsonObject,
  type NewLeaf,
} from "./specTree";

/** Where the editor draws its draft: the tree page's own diagram, or the new-tree page's. */
export interface DiagramHost {
  /** Draws the draft (null: the host's own picture again); a click on a node calls `select` with its drawn id. */
  showDraft(draft: DraftView | null): void;
}

export interface DraftView {
  nodes: DiagramNode[];
  selected: string | undefined;
  errors: Map<string, string[]>;
  select(id: string): void;
}

export interface EditorOptions {
  /** The stored tree this edits; null for a new tree. */
  tree: string | null;
  /** The version the draft starts from (the tree's latest; 0 for a new tree): the API refuses the edit once it is not. */
  baseVersion: number;
  /** The applied version, for "who answers now"; null when none is. */
  currentVersion: number | null;
  host: DiagramHost;
  /** A run started applying the draft as `version`. */
  applied(tree: string, version: number): void;
  /** Start again from the tree's latest version (after a stale edit was refused). */
  reload?(): void;
}

const treePath = "$";
const formatKey = "failover.editor.format";
const validationDelay = 500;
const structural = new Set(["primary", "secondary", "children"]);

/**
 * The visual editor: pick a node (on the diagram or in the list), edit its fields in forms generated from the spec's
 * JSON Schema, add and remove nodes, change a rule's policy; the spec as JSON or YAML beside it, kept in sync both
 * ways. Every change is checked by the service (a debounced dry run); then review — the plan against the live zone, the
 * change-size guard's verdict, who answers now and after — and apply, which stores a new version and starts a run.
 */
export class Editor {
  readonly element: HTMLElement;
  private spec: JsonObject;
  private selected = "$.root";
  private errors: FieldError[] = [];
  private plan: DryRunPlan | null = null;
  private stale: string | null = null;
  private timer: number | undefined;
  private sequence = 0;
  private whatIfSequence = 0;
  private disposed = false;
  private applying = false;
  private readonly picker = h("select", { id: "editor-node", class: "node-picker", onchange: () => this.select(this.picker.value) });
  private readonly toolbar = h("div", { class: "editor-tools", role: "group", "aria-label": "Change the tree" });
  private readonly form = h("div", { class: "node-form", id: "editor-form" });
  private readonly texts: SpecTextView[] = (["json", "yaml"] as const).map((format) => new SpecTextView(format, (spec) => this.typed(spec)));
  private readonly formatSwitch = h("fieldset", { class: "format-switch" }, h("legend", {}, "Show the spec as"),
    this.texts.map((view) => h("label", {}, h("input", {
      type: "radio", name: "editor-format", value: view.format, id: `editor-format-${view.format}`,
      onchange: () => this.showFormat(view.format, true),
    }), ` ${view.format.toUpperCase()}`)));
  // The service's verdict on the draft, read out whole each time it changes (the one live region for validation: the
  // errors inside it are not alerts of their own, so nothing is said twice).
  private readonly status = h("div", { class: "editor-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  private readonly review = h("section", { class: "review" });
  private readonly whatIf = h("div", { class: "what-if-compare", "aria-live": "polite" });
  private readonly force = h("input", { type: "checkbox", id: "editor-force", onchange: () => this.schedule() });
  private readonly applyButton = h("button", { type: "button", id: "editor-apply", onclick: () => void this.apply() }, "Apply");

  constructor(spec: JsonObject, private readonly options: EditorOptions) {
    this.spec = clone(spec);
    delete this.spec.$schema;
    this.element = h("div", { class: "editor" },
      h("div", { class: "panel-head" },
        h("h2", {}, options.tree ? `Edit ${options.tree}` : "New tree"),
        h("p", { class: "hint" }, options.baseVersion > 0
          ? `Editing a copy of v${options.baseVersion}. Nothing changes in Route 53 until you apply; applying stores v${options.baseVersion + 1}.`
          : "Nothing is stored until you apply.")),
      this.status,
      h("div", { class: "editor-grid" },
        h("div", { class: "editor-main" },
          h("p", { class: "field" },
            h("label", { for: "editor-node" }, "Node (or pick one on the diagram)"),
            this.picker),
          this.toolbar,
          this.form),
        h("div", { class: "editor-side" }, this.formatSwitch, this.texts.map((view) => view.element))),
      this.review);
    this.showFormat(chosenFormat(), false);
    this.drawAll();
    this.schedule(0);
  }

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this.timer);
    for (const view of this.texts) view.dispose();
    this.options.host.showDraft(null);
  }

  /** The draft as it stands (the tests and the page read it). */
  get draft(): JsonObject {
    return this.spec;
  }

  private select(path: string): void {
    this.selected = path;
    this.drawForm();
    this.drawDiagram();
    this.picker.value = path;
  }

  private drawAll(): void {
    this.drawPicker();
    this.drawForm();
    this.drawDiagram();
    this.writeText();
  }

  /** After a value changed in place: the JSON and YAML, the diagram and the picker follow; validation is scheduled. */
  private changed(): void {
    this.drawPicker();
    this.drawDiagram();
    this.writeText();
    this.schedule();
  }

  private drawPicker(): void {
    const errorNodes = this.errorsByNode();
    const options = [h("option", { value: treePath, selected: this.selected === treePath }, "Tree settings (name, zone, record, defaults)")];
    for (const entry of nodesOf(this.spec)) {
      const id = typeof entry.node.id === "string" && entry.node.id ? entry.node.id : "(no id)";
      const what = kindOf(entry.node) === "rule" ? `${String(entry.node.routing)} rule` : kindOf(entry.node);
      const problems = errorNodes.get(entry.path)?.length ?? 0;
      options.push(h("option", { value: entry.path, selected: entry.path === this.selected },
        `${"\u00a0\u00a0".repeat(entry.depth)}${id} — ${what}${entry.role ? `, ${entry.role}` : ""}${problems ? ` ⚠ ${plural(problems, "error")}` : ""}`));
    }
    fill(this.picker, options);
    if (this.selected !== treePath && !nodeAt(this.spec, this.selected)) this.selected = "$.root";
    this.picker.value = this.selected;
  }

  /**
   * The form drawn again, with the keyboard focus kept where it was: a redraw comes after every check by the service,
   * and a keyboard user tabbing through the fields when it arrives must not be thrown back to the top of the page.
   * Focus goes to the element with the same data-path; from a button (which has none of its own) to the element at the
   * same place in the tab order, or, when the form was reshaped by it (an object added), to the first field under it.
   */
  private drawForm(reshaped = false): void {
    const focusables = () => [...this.form.querySelectorAll<HTMLElement>("input, select, textarea, button")];
    const active = document.activeElement instanceof HTMLElement && this.form.contains(document.activeElement) ? document.activeElement : null;
    const path = active?.closest<HTMLElement>("[data-path]")?.dataset.path;
    const own = path !== undefined && active?.dataset.path === path;
    const index = active ? focusables().indexOf(active) : -1;
    this.drawFormContent();
    if (!active) return;
    const target = path === undefined ? undefined
      : [...this.form.querySelectorAll<HTMLElement>("[data-path]")].find((element) => element.dataset.path === path);
    const field = "input, select, textarea, button";
    const next = own && target?.matches(field) ? target
      : reshaped || index < 0 ? target?.querySelector<HTMLElement>(field) : focusables()[index];
    const all = focusables();
    const focused = next ?? all[Math.min(Math.max(index, 0), all.length - 1)];
    focused?.focus();
    // Someone typing when the check came back keeps the caret where it was.
    if (focused !== next || !own || !(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) return;
    if ((focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement) && active.selectionStart !== null) {
      try {
        focused.setSelectionRange(active.selectionStart, active.selectionEnd, active.selectionDirection ?? undefined);
      } catch {
        // Inputs of type number have no selection to keep.
      }
    }
  }

  private drawFormContent(): void {
    const events: FormEvents = {
      changed: () => this.changed(),
      reshaped: () => this.reshaped(),
      // A health check without its own type takes the tree's healthCheckDefaults (the defaults themselves take nothing).
      inherited: (path) => (/\.healthCheck$/.test(path) && isObject(this.spec.healthCheckDefaults)
        ? { values: this.spec.healthCheckDefaults, from: "healthCheckDefaults" } : undefined),
    };
    const fieldErrors: FieldErrors = new Map();
    for (const error of this.errors) if (error.path) fieldErrors.set(error.path, [...(fieldErrors.get(error.path) ?? []), error.message]);
    const entry = this.selected === treePath ? null : nodeAt(this.spec, this.selected);
    fill(this.toolbar, this.tools(entry?.path ?? null));
    if (!entry) {
      fill(this.form,
        h("h3", {}, "Tree settings"),
        nodeErrors(this.errors.filter((e) => e.path && nodePathOf(this.spec, e.path) === null)),
        objectFields(specSchema, this.spec, treePath, events, fieldErrors, Object.keys(specSchema.properties ?? {}).filter((n) => n !== "root")));
      return;
    }
    const node = entry.node;
    const kind = kindOf(node);
    const attribute = entry.parentRouting ? childAttribute[entry.parentRouting] : null;
    // The node's fields as the schema lists them, less the structure (edited on the diagram) and what does not apply
    // to this kind of node or to its parent's policy.
    const names = Object.keys(nodeSchema.properties ?? {}).filter((name) => {
      if (structural.has(name) || name === "routing") return false;
      if (Object.values(childAttribute).includes(name)) return name === attribute;
      if (name === "endpoint") return kind === "endpoint";
      if (name === "alias") return kind === "alias";
      if (name === "healthCheck" || name === "healthCheckId") return kind !== "endpoint" && entry.parentPath !== null;
      return true;
    });
    const policy = kind === "rule"
      ? h("p", { class: "field" },
        h("label", { for: "editor-routing" }, "Policy (routing)"),
        h("select", { id: "editor-routing", "data-path": `${entry.path}.routing`, onchange: (event: Event) => {
          const result = changeRouting(this.spec, entry.path, (event.target as HTMLSelectElement).value);
          if ("error" in result) {
            this.say(result.error, true);
            (event.target as HTMLSelectElement).value = String(node.routing);
            return;
          }
          this.drawForm();
          this.changed();
          announce(`${String(node.id)} is now a ${String(node.routing)} rule.`);
        } }, routings.map((r) => h("option", { value: r, selected: r === node.routing }, r))),
        h("span", { class: "field-hint" }, nodeSchema.properties?.routing?.description ?? ""))
      : null;
    fill(this.form,
      h("h3", {}, `${typeof node.id === "string" && node.id ? node.id : "(no id)"} `,
        h("span", { class: "sub" }, kind === "rule" ? `${String(node.routing)} rule` : `${kind} leaf`,
          entry.role ? ` · ${entry.role} of its failover rule` : entry.parentRouting ? ` · child of a ${entry.parentRouting} rule` : " · the root")),
      h("p", { class: "hint path" }, h("code", {}, entry.path)),
      nodeErrors(this.errors.filter((e) => e.path && nodePathOf(this.spec, e.path) === entry.path && !fieldErrors.has(e.path) )),
      policy,
      objectFields(nodeSchema, node, entry.path, events, fieldErrors, names));
  }

  /**
   * The form drawn again after its shape changed (an object added or removed, a health check's type chosen), with the
   * keyboard focus kept where it was: on the same field, or on the first field of what was just added.
   */
  private reshaped(): void {
    this.drawForm(true);
  }

  private tools(path: string | null): HTMLElement[] {
    const entry = path ? nodeAt(this.spec, path) : null;
    const rule = entry && kindOf(entry.node) === "rule";
    const add = (what: NewLeaf, label: string) => h("button", { type: "button", class: "secondary", disabled: !rule, onclick: () => {
      const result = addChild(this.spec, path!, what);
      if ("error" in result) return this.say(result.error, true);
      this.selected = result.path;
      this.drawForm();
      this.changed();
      announce(`Added ${String(nodeAt(this.spec, result.path)?.node.id)}; its fields are below.`);
      this.form.querySelector<HTMLElement>("input, select, textarea")?.focus();
    } }, label);
    return [
      add("endpoint", "Add endpoint"), add("alias", "Add alias"), add("rule", "Add rule"),
      h("button", { type: "button", class: "secondary danger", disabled: !entry || entry.parentPath === null, onclick: () => {
        const id = String(entry?.node.id ?? "");
        const result = removeNode(this.spec, path!);
        if ("error" in result) return this.say(result.error, true);
        this.selected = result.path;
        this.drawForm();
        this.changed();
        announce(`Removed ${id}.`);
        this.picker.focus();
      } }, "Remove node"),
    ];
  }

  private drawDiagram(): void {
    const ids = drawnIds(this.spec);
    const errors = new Map<string, string[]>();
    for (const [path, messages] of this.errorsByNode()) errors.set(ids.get(path) ?? path, messages);
    const byId = new Map([...ids].map(([path, id]) => [id, path]));
    this.options.host.showDraft({
      nodes: draftNodes(this.spec),
      selected: ids.get(this.selected),
      errors,
      select: (id) => {
        const path = byId.get(id);
        if (path) this.select(path);
      },
    });
  }

  /** Node path → the errors that belong to it, each with its JSON path. */
  private errorsByNode(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const error of this.errors) {
      const node = error.path ? nodePathOf(this.spec, error.path) : null;
      if (node) out.set(node, [...(out.get(node) ?? []), `${error.path}: ${error.message}`]);
    }
    return out;
  }

  /** Both text views follow the draft (the one being typed in keeps its text). */
  private writeText(): void {
    for (const view of this.texts) view.write(this.spec);
  }

  /** Shows the spec as JSON or YAML; both stay in sync, one is shown. The choice is kept for the next visit. */
  private showFormat(format: SpecFormat, chosen: boolean): void {
    for (const view of this.texts) view.element.hidden = view.format !== format;
    const radio = this.formatSwitch.querySelector<HTMLInputElement>(`input[value="${format}"]`);
    if (radio) radio.checked = true;
    if (!chosen) return;
    try {
      localStorage.setItem(formatKey, format);
    } catch {
      // Storage refused (private mode): the choice lasts for this page.
    }
  }

  /** Text typed into the JSON or YAML view read as a spec: it becomes the draft, and everything else follows. */
  private typed(spec: JsonObject): void {
    this.spec = spec;
    this.writeText();
    this.drawPicker();
    this.drawForm();
    this.drawDiagram();
    this.schedule();
  }

  private say(message: string, error = false): void {
    fill(this.status, h("p", { class: error ? "error" : "ok" }, message));
  }

  /** Asks the service to check the draft after a pause in typing; a newer check overrides an older one. */
  private schedule(delay = validationDelay): void {
    window.clearTimeout(this.timer);
    this.applyButton.disabled = true;
    this.status.setAttribute("data-state", "pending");
    this.timer = window.setTimeout(() => void this.validate(), delay);
  }

  private async validate(): Promise<void> {
    const sequence = ++this.sequence;
    this.status.setAttribute("aria-busy", "true");
    fill(this.status, h("p", { class: "hint" }, "Checking with the service…"));
    let plan: DryRunPlan | null = null;
    let errors: FieldError[] = [];
    let stale: string | null = null;
    let failure: string | null = null;
    try {
      plan = await api.dryRun(this.spec, this.options.baseVersion, this.force.checked);
    } catch (error) {
      if (error instanceof ApiError && error.problem?.type === "urn:failover:problem:stale-version") stale = error.problem.detail ?? error.message;
      else if (error instanceof ApiError && error.problem?.errors?.length) errors = error.problem.errors;
      else failure = error instanceof Error ? error.message : String(error);
    }
    if (sequence !== this.sequence || this.disposed) return;
    this.status.setAttribute("aria-busy", "false");
    this.errors = errors;
    this.plan = plan;
    this.stale = stale;
    this.drawPicker();
    this.drawForm();
    this.drawDiagram();
    const state = stale ? "stale" : failure ? "failed" : errors.length ? "invalid" : "valid";
    this.status.setAttribute("data-state", state);
    if (stale) {
      fill(this.status, h("div", { class: "error stale" },
        h("p", {}, h("strong", {}, "Someone changed this tree since you started: "), stale),
        this.options.reload ? h("button", { type: "button", onclick: () => this.options.reload!() }, "Load the latest version") : null));
    } else if (failure) {
      fill(this.status, h("p", { class: "error" }, `The service could not check the draft: ${failure}`));
    } else if (errors.length) {
      fill(this.status, h("div", { class: "error" },
        h("p", {}, h("strong", {}, `${plural(errors.length, "error")}: `), "the service refuses this spec as it is."),
        h("ul", { class: "error-list" }, errors.map((e) => {
          const node = e.path ? nodePathOf(this.spec, e.path) : null;
          return h("li", { "data-path": e.path ?? e.parameter ?? "" },
            node ? h("button", { type: "button", class: "link", onclick: () => this.select(node) }, h("code", {}, e.path ?? "")) : h("code", {}, e.path ?? e.parameter ?? ""),
            " ", e.message);
        }))));
    } else {
      fill(this.status, h("div", { class: "ok" }, h("p", {}, "Valid: the service accepts this spec."),
        plan?.warnings?.length
          ? h("details", { class: "warnings" }, h("summary", {}, plural(plan.warnings.length, "warning")),
            h("ul", {}, plan.warnings.map((w) => h("li", {}, h("code", {}, w.path ?? ""), " ", w.message))))
          : null));
    }
    this.drawReview();
  }

  private drawReview(): void {
    if (!this.plan || this.stale) {
      this.review.removeAttribute("aria-labelledby");
      fill(this.review);
      return;
    }
    this.review.setAttribute("aria-labelledby", "review-heading");
    const guard = this.plan.changeSizeGuard;
    const refused = guard ? !guard.passes : false;
    this.applyButton.disabled = this.applying || (refused && !this.force.checked);
    fill(this.applyButton, this.options.baseVersion > 0 ? `Apply as v${this.options.baseVersion + 1}` : "Create and apply v1");
    fill(this.review,
      h("h3", { id: "review-heading" }, "Review before applying"),
      h("div", { class: `guard ${guard?.passes === false ? "error" : "ok"}`, "data-passes": String(guard?.passes ?? true) },
        h("strong", {}, "Change-size guard: "),
        guard?.passes === false ? guard.message ?? "refuses this change" : "passes (the change deletes or replaces at most half of the tree's records).",
        guard?.passes === false || this.force.checked
          ? h("p", {}, h("label", {}, this.force, " Apply anyway (force): I checked the plan")) : null),
      h("details", { class: "review-plan", open: true },
        h("summary", {}, "Plan against the live zone"),
        renderPlan(this.plan, "this draft")),
      h("details", { class: "review-what-if", open: true },
        h("summary", {}, "What if: who answers now, and after this change"),
        this.whatIfForm(),
        this.whatIf),
      h("p", { class: "actions" }, this.applyButton));
    void this.compare();
  }

  private whatIfForm(): HTMLElement {
    const nodes = draftNodes(this.spec);
    const candidates = [...new Set(nodes.filter((n) => n.canFail).map((n) => n.id))];
    const regions = [...new Set(nodes.filter((n) => n.region).map((n) => n.region!))];
    const geolocation = nodes.some((n) => n.routing === "geolocation" || n.routing === "geoproximity");
    const geoproximity = nodes.some((n) => n.routing === "geoproximity");
    const ipBased = nodes.some((n) => n.routing === "ip-based");
    const azAffinity = nodes.some((n) => n.routing === "az-affinity");
    return h("form", { class: "what-if", id: "editor-what-if", onsubmit: (e: Event) => {
      e.preventDefault();
      void this.compare();
    }, onchange: () => void this.compare() },
    h("fieldset", {}, h("legend", {}, "Mark endpoints unhealthy"),
      candidates.length === 0 ? h("p", {}, "No endpoint has a health check.")
        : h("ul", { class: "checks" }, candidates.map((id) => h("li", {}, h("label", {},
          h("input", { type: "checkbox", name: "unhealthy", value: id }), ` ${id}`))))),
    regions.length ? h("p", { class: "field" },
      h("label", { for: "editor-what-if-region" }, "Resolver's nearest region (latency rules)"),
      h("select", { id: "editor-what-if-region", name: "region" }, h("option", { value: "" }, "default"),
        regions.map((r) => h("option", { value: r }, r)))) : null,
    geolocation ? h("p", { class: "field" },
      h("label", { for: "editor-what-if-location" }, "Client location (geolocation rules): country, US-CA, continent:EU or *"),
      h("input", { id: "editor-what-if-location", name: "location", type: "text", autocomplete: "off", spellcheck: "false" })) : null,
    geoproximity ? h("p", { class: "field" },
      h("label", { for: "editor-what-if-coordinates" }, "Client coordinates (geoproximity rules): latitude,longitude"),
      h("input", { id: "editor-what-if-coordinates", name: "coordinates", type: "text", inputmode: "decimal", autocomplete: "off",
        spellcheck: "false", placeholder: "48.86,2.35" })) : null,
    ipBased ? h("p", { class: "field" },
      h("label", { for: "editor-what-if-client-ip" }, "Client address (ip-based rules)"),
      h("input", { id: "editor-what-if-client-ip", name: "clientIp", type: "text", autocomplete: "off", spellcheck: "false",
        placeholder: "198.51.100.7" })) : null,
    azAffinity ? h("p", { class: "field" },
      h("label", { for: "editor-what-if-az" }, "Client's Availability Zone (az-affinity rules): AZ ID, Zone Group, region or partition"),
      h("input", { id: "editor-what-if-az", name: "az", type: "text", autocomplete: "off", spellcheck: "false",
        placeholder: "use1-az1" })) : null,
    h("p", { class: "actions" }, h("button", { type: "submit", class: "secondary" }, "Compare")));
  }

  private async compare(): Promise<void> {
    const form = this.review.querySelector<HTMLFormElement>("#editor-what-if");
    if (!form) return;
    const unhealthy = [...form.querySelectorAll<HTMLInputElement>("input[name=unhealthy]:checked")].map((box) => box.value);
    const region = form.querySelector<HTMLSelectElement>("select[name=region]")?.value || undefined;
    const location = form.querySelector<HTMLInputElement>("input[name=location]")?.value.trim() || undefined;
    const coordinates = form.querySelector<HTMLInputElement>("input[name=coordinates]")?.value.trim() || undefined;
    const clientIp = form.querySelector<HTMLInputElement>("input[name=clientIp]")?.value.trim() || undefined;
    const az = form.querySelector<HTMLInputElement>("input[name=az]")?.value.trim() || undefined;
    const sequence = ++this.whatIfSequence;
    const tree = String(this.spec.name ?? "");
    const now = this.options.tree && this.options.currentVersion !== null ? this.options.currentVersion : null;
    this.whatIf.setAttribute("aria-busy", "true");
    // An endpoint only one side has is healthy on the other (the simulator refuses ids a version does not have).
    const query = (ids: Set<string> | null): SimulationQuery => ({
      unhealthy: ids ? unhealthy.filter((id) => ids.has(id)) : unhealthy, region, location, coordinates, clientIp, az,
    });
    let before: Simulation | string | null = null;
    let after: Simulation | string;
    try {
      after = await api.simulateDraft(tree, this.spec, query(null));
    } catch (error) {
      after = error instanceof Error ? error.message : String(error);
    }
    if (now !== null && this.options.tree) {
      try {
        const diagram = await api.diagram(this.options.tree, now);
        before = await api.simulate(this.options.tree, now, query(new Set(diagram.nodes.map((n) => n.id))));
      } catch (error) {
        before = error instanceof Error ? error.message : String(error);
      }
    }
    if (sequence !== this.whatIfSequence || this.disposed) return;
    this.whatIf.setAttribute("aria-busy", "false");
    const summary = unhealthy.length ? `With ${unhealthy.join(", ")} unhealthy` : "With every endpoint healthy";
    fill(this.whatIf,
      h("p", { class: "answer-summary" }, `${summary}${region ? `, resolver nearest ${region}` : ""}${location ? `, client in ${location}` : ""}`
        + `${coordinates ? `, client at ${coordinates}` : ""}${clientIp ? `, client address ${clientIp}` : ""}:`),
      h("div", { class: "compare-grid" },
        now !== null ? answers(`Now (v${now})`, before!, "now") : null,
        answers("After this change", after, "after")));
  }

  private async apply(): Promise<void> {
    if (this.applying) return;
    this.applying = true;
    this.applyButton.disabled = true;
    fill(this.status, h("p", { class: "hint" }, "Applying…"));
    try {
      const run = await api.apply(this.spec, this.options.baseVersion, this.force.checked);
      announce(`Applying version ${run.version} of ${run.tree}.`);
      this.options.applied(run.tree, run.version);
    } catch (error) {
      this.applying = false;
      if (error instanceof ApiError && error.problem?.type === "urn:failover:problem:stale-version") {
        this.stale = error.problem.detail ?? error.message;
        this.status.setAttribute("data-state", "stale");
        this.review.removeAttribute("aria-labelledby");
        fill(this.review);
        fill(this.status, h("div", { class: "error stale" },
          h("p", {}, h("strong", {}, "Not applied — someone changed this tree since you started: "), this.stale),
          this.options.reload ? h("button", { type: "button", onclick: () => this.options.reload!() }, "Load the latest version") : null));
        return;
      }
      this.applyButton.disabled = false;
      fill(this.status, h("div", { class: "error" }, h("p", {}, h("strong", {}, "Not applied: "),
        error instanceof Error ? error.message : String(error)),
        error instanceof ApiError && error.problem?.errors?.length
          ? h("ul", {}, error.problem.errors.map((e) => h("li", {}, h("code", {}, e.path ?? e.parameter ?? ""), " ", e.message))) : null));
    }
  }
}

function chosenFormat(): SpecFormat {
  try {
    return localStorage.getItem(formatKey) === "yaml" ? "yaml" : "json";
  } catch {
    return "json";
  }
}

function nodeErrors(errors: FieldError[]): HTMLElement | null {
  if (errors.length === 0) return null;
  return h("ul", { class: "field-error node-errors" },
    errors.map((e) => h("li", { "data-path": e.path ?? "" }, h("code", {}, e.path ?? ""), " ", e.message)));
}

function answers(title: string, result: Simulation | string, side: string): HTMLElement {
  if (typeof result === "string") return h("div", { class: "error", "data-side": side }, h("h4", {}, title), h("p", {}, result));
  return h("div", { "data-side": side },
    h("h4", {}, title),
    h("table", { class: "answers" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Endpoint"), h("th", { scope: "col" }, "Share"))),
      h("tbody", {}, result.answers.filter((a) => a.probability > 0).map((a) =>
        h("tr", { "data-node-id": a.nodeId, "data-share": a.probability.toFixed(6) },
          h("th", { scope: "row" }, a.nodeId), h("td", {}, percent(a.probability)))),
      result.noAnswerProbability ? h("tr", { class: "no-answer" }, h("th", { scope: "row" }, "no answer"), h("td", {}, percent(result.noAnswerProbability))) : null)));
}
