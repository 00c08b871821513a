import { api } from "../api";
import { fill, h } from "../dom";
import { plural } from "../format";
import type { GeoProximityLocation, Plan, PlanChange, PlanLayer, PlannedCidrCollection } from "../types";
import { errorBox } from "./errors";
import type { Panel, TreeContext } from "./treePage";
import { healthCheckText } from "../plan/healthCheckText";

/** What applying the tree's current version would change in the zone as it is now (GET /trees/{name}/plan). */
export class PlanPanel implements Panel {
  readonly element: HTMLElement;
  private readonly body = h("div", { "aria-busy": "true" }, h("p", { class: "loading" }, "Planning against the zone…"));
  private disposed = false;

  constructor(private readonly tree: TreeContext) {
    this.element = h("div", {},
      h("div", { class: "panel-head" },
        h("h2", {}, "Plan"),
        h("button", { type: "button", class: "secondary", onclick: () => void this.load() }, "Plan again")),
      this.body);
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(): Promise<void> {
    this.body.setAttribute("aria-busy", "true");
    try {
      const plan = await api.plan(this.tree.name);
      if (!this.disposed) fill(this.body, render(plan));
    } catch (error) {
      if (!this.disposed) fill(this.body, errorBox(error, "the plan"));
    }
    this.body.setAttribute("aria-busy", "false");
  }
}

/** A plan, layer by layer: the summary, any conflicts, then every change of each layer (also the editor's review). */
export function render(plan: Plan, what = `version ${plan.version}`): HTMLElement[] {
  const summary = plan.summary ?? {};
  const count = (key: string) => Number(summary[key] ?? 0);
  const changes = ["recordsCreated", "recordsUpdated", "recordsDeleted", "healthChecksCreated", "healthChecksDeleted", "cidrCollectionsChanged"]
    .reduce((sum, key) => sum + count(key), 0);
  const layers = plan.layers.filter((layer) => layerSize(layer) > 0);
  const out: HTMLElement[] = [
    h("p", { class: "plan-summary", "data-changes": changes },
      changes === 0
        ? `Route 53 matches ${what}: applying it now would change nothing.`
        : `Applying ${what} now would create ${plural(count("recordsCreated"), "record")}, update ${count("recordsUpdated")}, `
          + `delete ${count("recordsDeleted")}, create ${plural(count("healthChecksCreated"), "health check")} and delete ${count("healthChecksDeleted")}, `
          + `in ${plural(layers.length, "layer")}.`),
  ];
  if (plan.conflicts?.length) {
    out.push(h("div", { class: "error", role: "alert" },
      h("p", {}, h("strong", {}, "Conflicts: "), "records the tree does not own stand where it would write; a run would stop before changing anything."),
      h("pre", {}, JSON.stringify(plan.conflicts, null, 2))));
  }
  for (const layer of layers) out.push(renderLayer(layer));
  return out;
}

function layerSize(layer: PlanLayer): number {
  return (layer.healthChecks?.length ?? 0) + (layer.deleteHealthChecks?.length ?? 0)
    + (layer.cidrCollections?.length ?? 0) + (layer.cidrCollectionCleanup?.length ?? 0)
    + (layer.changeBatches ?? []).reduce((sum, batch) => sum + batch.Changes.length, 0);
}

function renderLayer(layer: PlanLayer): HTMLElement {
  const section = h("section", { class: "layer", "data-layer": layer.name }, h("h3", {}, layer.name, " ", h("span", { class: "sub" }, plural(layerSize(layer), "change"))));
  if (layer.healthChecks?.length) {
    section.append(h("ul", {}, layer.healthChecks.map((check) => {
      const config = check.healthCheckConfig;
      return h("li", {}, h("span", { class: "action action-create" }, "create"), " health check for ", h("code", {}, check.nodeId), ": ",
        healthCheckText(config));
    })));
  }
  if (layer.deleteHealthChecks?.length) {
    section.append(h("ul", {}, layer.deleteHealthChecks.map((deletion) =>
      h("li", {}, h("span", { class: "action action-delete" }, "delete"), " health check ", h("code", {}, JSON.stringify(deletion))))));
  }
  const collections = [...(layer.cidrCollections ?? []), ...(layer.cidrCollectionCleanup ?? [])];
  if (collections.length) section.append(h("ul", {}, collections.map(collectionItem)));
  const changes = (layer.changeBatches ?? []).flatMap((batch) => batch.Changes);
  if (changes.length) {
    section.append(h("div", { class: "table-scroll", role: "region", "aria-label": `Changes of ${layer.name}`, tabindex: 0 },
      h("table", { class: "changes" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "Action"), h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Set id"),
          h("th", { scope: "col" }, "Routing"), h("th", { scope: "col" }, "Answer"))),
        h("tbody", {}, changes.map(changeRow)))));
  }
  return section;
}

/** An ip-based rule's CIDR collection: created, changed or deleted, with each location's PUT / DELETE_IF_EXISTS. */
function collectionItem(collection: PlannedCidrCollection): HTMLElement {
  const action = collection.delete ? "delete" : collection.id ? "change" : "create";
  const changes = (collection.changes ?? []).map((c) => `${c.Action} ${c.LocationName} ${c.CidrList.join(", ")}`).join("; ");
  return h("li", {}, h("span", { class: `action action-${action === "change" ? "upsert" : action}` }, action), " CIDR collection ",
    h("code", {}, collection.name), collection.ruleId ? ` of rule ${collection.ruleId}` : "", changes ? `: ${changes}` : "");
}

function proximity(place: GeoProximityLocation): string {
  const at = place.AWSRegion ?? (place.LocalZoneGroup ? `local zone group ${place.LocalZoneGroup}`
    : `${place.Coordinates?.Latitude}, ${place.Coordinates?.Longitude}`);
  return `${at}, bias ${place.Bias ?? 0}`;
}

function changeRow(change: PlanChange): HTMLElement {
  const record = change.ResourceRecordSet;
  const routing = record.Failover ? `failover ${record.Failover}`
    : record.Weight !== undefined ? `weight ${record.Weight}`
    : record.Region ? `latency ${record.Region}`
    : record.GeoLocation ? `geo ${JSON.stringify(record.GeoLocation)}`
    : record.GeoProximityLocation ? `geoproximity ${proximity(record.GeoProximityLocation)}`
    : record.CidrRoutingConfig ? `ip-based ${record.CidrRoutingConfig.LocationName} (collection ${record.CidrRoutingConfig.CollectionId})`
    : record.AZAffinity ? `az-affinity ${record.AZAffinity.LocationType} ${record.AZAffinity.LocationId}`
    : record.MultiValueAnswer ? "multivalue" : "simple";
  const answer = record.AliasTarget
    ? `alias → ${record.AliasTarget.DNSName}${record.AliasTarget.EvaluateTargetHealth ? " (evaluates health)" : ""}`
    : (record.ResourceRecords ?? []).map((r) => r.Value).join(", ");
  // Alias and rule records may carry a health check too: shown with the answer, a check not made yet by its node.
  const checked = record.HealthCheckId ? `${answer} · health check ${record.HealthCheckId.replace(/^\{\{healthcheck:(.+)\}\}$/, "of node $1")}` : answer;
  return h("tr", {},
    h("td", {}, h("span", { class: `action action-${change.Action.toLowerCase()}` }, change.Action.toLowerCase())),
    h("td", {}, `${record.Name} ${record.Type}`),
    h("td", {}, record.SetIdentifier ?? "—"),
    h("td", {}, routing),
    h("td", { class: "wrap" }, checked));
}
