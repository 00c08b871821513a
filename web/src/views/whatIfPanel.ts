import { api } from "../api";
import { announce, fill, h } from "../dom";
import { percent, plural } from "../format";
import type { HealthState, Simulation } from "../types";
import { errorBox } from "./errors";
import type { Panel, TreeContext } from "./treePage";

/**
 * "What if": tick the endpoints that fail and the simulator (POST /trees/{name}/simulate, over the stored spec)
 * answers which endpoints Route 53 would then answer with, and with what share of the queries.
 */
export class WhatIfPanel implements Panel {
  readonly element: HTMLElement;
  private readonly answer = h("div", { class: "answer", id: "what-if-answer", "aria-live": "polite", "aria-atomic": "true" });
  private readonly form: HTMLFormElement;
  private sequence = 0;

  constructor(private readonly tree: TreeContext) {
    const nodes = tree.diagram.nodes;
    const candidates = nodes.filter((node) => node.canFail);
    const regions = [...new Set(nodes.filter((node) => node.region).map((node) => node.region!))];
    const geolocation = nodes.some((node) => node.routing === "geolocation" || node.routing === "geoproximity");
    const geoproximity = nodes.some((node) => node.routing === "geoproximity");
    const ipBased = nodes.some((node) => node.routing === "ip-based");
    const azAffinity = nodes.some((node) => node.routing === "az-affinity");
    // A dual-stack tree answers A and AAAA queries from the same design, each with its family's addresses.
    const recordTypes = tree.diagram.recordTypes ?? [];

    this.form = h("form", { class: "what-if", onsubmit: (event: Event) => {
      event.preventDefault();
      void this.simulate();
    } },
      h("fieldset", {},
        h("legend", {}, "Mark endpoints unhealthy"),
        candidates.length === 0
          ? h("p", {}, "No endpoint of this tree has a health check: Route 53 treats every record as healthy.")
          : h("ul", { class: "checks" }, candidates.map((node) =>
            h("li", {},
              h("label", {},
                h("input", { type: "checkbox", name: "unhealthy", value: node.id, onchange: () => void this.simulate() }),
                h("span", { class: "check-id" }, node.id),
                h("span", { class: "sub" }, ` ${node.values?.join(", ") ?? node.aliasTarget ?? ""} · ${node.recordKind}`)))))),
      recordTypes.length > 1
        ? h("p", { class: "field" },
          h("label", { for: "what-if-record-type" }, "Record type queried (dual-stack tree)"),
          h("select", { id: "what-if-record-type", name: "recordType", onchange: () => void this.simulate() },
            recordTypes.map((type) => h("option", { value: type }, type))))
        : null,
      regions.length > 0
        ? h("p", { class: "field" },
          h("label", { for: "what-if-region" }, "Resolver's nearest region (latency rules)"),
          h("select", { id: "what-if-region", name: "region", onchange: () => void this.simulate() },
            h("option", { value: "" }, `default (first region: ${regions[0]})`),
            regions.map((region) => h("option", { value: region }, region))))
        : null,
      geolocation
        ? h("p", { class: "field" },
          h("label", { for: "what-if-location" }, "Client location (geolocation and geoproximity rules): country, US-CA, continent:EU or *"),
          h("input", { id: "what-if-location", name: "location", type: "text", autocomplete: "off", spellcheck: "false" }))
        : null,
      geoproximity
        ? h("p", { class: "field" },
          h("label", { for: "what-if-coordinates" }, "Client coordinates (geoproximity rules): latitude,longitude"),
          h("input", { id: "what-if-coordinates", name: "coordinates", type: "text", autocomplete: "off", spellcheck: "false" }))
        : null,
      ipBased
        ? h("p", { class: "field" },
          h("label", { for: "what-if-client-ip" }, "Client address (ip-based rules)"),
          h("input", { id: "what-if-client-ip", name: "clientIp", type: "text", autocomplete: "off", spellcheck: "false" }))
        : null,
      azAffinity
        ? h("p", { class: "field" },
          h("label", { for: "what-if-az" }, "Client's Availability Zone (az-affinity rules): AZ ID such as use1-az1, Zone Group, region or partition; empty: unknown, global only"),
          h("input", { id: "what-if-az", name: "az", type: "text", autocomplete: "off", spellcheck: "false" }))
        : null,
      h("p", { class: "actions" },
        h("button", { type: "submit" }, "Simulate"),
        h("button", { type: "button", class: "secondary", onclick: () => this.clear() }, "Clear")));

    this.element = h("div", {},
      h("h2", {}, "What if"),
      h("p", { class: "hint" }, `Version ${tree.diagram.version}. Ticking a box asks the simulator again; the diagram shows the supposed health and each answering endpoint's share.`),
      this.form, this.answer);
    fill(this.answer, h("p", { class: "empty" }, "Tick the endpoints that fail, or press Simulate for the answers with every endpoint healthy."));
  }

  dispose(): void {
    this.sequence++;
  }

  private clear(): void {
    for (const box of this.form.querySelectorAll<HTMLInputElement>("input[name=unhealthy]")) box.checked = false;
    void this.simulate();
  }

  private async simulate(): Promise<void> {
    const unhealthy = [...this.form.querySelectorAll<HTMLInputElement>("input[name=unhealthy]:checked")].map((box) => box.value);
    const region = this.form.querySelector<HTMLSelectElement>("select[name=region]")?.value || undefined;
    const location = this.form.querySelector<HTMLInputElement>("input[name=location]")?.value.trim() || undefined;
    const coordinates = this.form.querySelector<HTMLInputElement>("input[name=coordinates]")?.value.trim() || undefined;
    const clientIp = this.form.querySelector<HTMLInputElement>("input[name=clientIp]")?.value.trim() || undefined;
    const az = this.form.querySelector<HTMLInputElement>("input[name=az]")?.value.trim() || undefined;
    const recordType = this.form.querySelector<HTMLSelectElement>("select[name=recordType]")?.value || undefined;
    const sequence = ++this.sequence;
    this.answer.setAttribute("aria-busy", "true");
    let result: Simulation;
    try {
      result = await api.simulate(this.tree.name, this.tree.diagram.version, { unhealthy, region, location, coordinates, clientIp, az, recordType });
    } catch (error) {
      if (sequence !== this.sequence) return;
      fill(this.answer, errorBox(error, "the simulation"));
      this.answer.setAttribute("aria-busy", "false");
      return;
    }
    // A slower earlier answer must not overwrite a later one.
    if (sequence !== this.sequence) return;
    this.show(result, unhealthy);
  }

  private show(result: Simulation, unhealthy: string[]): void {
    const health = new Map<string, HealthState>();
    for (const node of this.tree.diagram.nodes) if (node.canFail) health.set(node.id, unhealthy.includes(node.id) ? "UNHEALTHY" : "HEALTHY");
    const shares = new Map(result.answers.map((answer) => [answer.nodeId, answer.probability]));
    this.tree.suppose(health, shares);

    const answering = result.answers.filter((answer) => answer.probability > 0);
    const queried = this.form.querySelector<HTMLSelectElement>("select[name=recordType]")?.value;
    const summary = (unhealthy.length === 0
      ? "With every endpoint healthy"
      : `With ${unhealthy.join(", ")} unhealthy`) + (queried ? `, for ${queried} queries` : "");
    fill(this.answer,
      h("h3", {}, "Answer"),
      h("p", { class: "answer-summary", "data-unhealthy": unhealthy.join(",") },
        `${summary}, Route 53 answers with ${plural(answering.length, "endpoint")}.`),
      h("table", { class: "answers" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Endpoint"), h("th", { scope: "col" }, "Values"), h("th", { scope: "col" }, "Share"))),
        h("tbody", {},
          result.answers.map((answer) =>
            h("tr", { "data-node-id": answer.nodeId, "data-share": answer.probability.toFixed(6) },
              h("th", { scope: "row" }, answer.nodeId),
              h("td", {}, answer.values.join(", ")),
              h("td", { class: "share-cell" },
                h("meter", { min: 0, max: 1, value: answer.probability, "aria-hidden": "true" }), " ", percent(answer.probability)))),
          result.noAnswerProbability
            ? h("tr", { class: "no-answer", "data-share": result.noAnswerProbability.toFixed(6) },
              h("th", { scope: "row" }, "no answer"), h("td", {}, "—"), h("td", {}, percent(result.noAnswerProbability)))
            : null)),
      result.notes?.length ? h("ul", { class: "notes" }, result.notes.map((note) => h("li", {}, note))) : null);
    this.answer.setAttribute("aria-busy", "false");
    announce(`${summary}: ${answering.map((a) => `${a.nodeId} ${percent(a.probability)}`).join(", ") || "no answer"}.`);
  }
}
