import { s } from "../dom";
import { percent, words } from "../format";
import type { DiagramNode, HealthState, NodeStatus } from "../types";
import { layout, type Layout, type LayoutMode, type Placed } from "./layout";

/** What is drawn over the tree: run progress, health (observed, or supposed in "what if"), and who answers with what share. */
export interface NodeStates {
  progress: Map<string, NodeStatus>;
  /** Nodes the last run of this version did not touch: in Route 53 as an earlier run left them. */
  unchanged: Set<string>;
  /** Supposed in the "what if" panel; drawn over the observed health while the panel asks. */
  health: Map<string, HealthState>;
  /** What Route 53's checkers report (GET /trees/{name}/health). */
  observed: Map<string, HealthState>;
  shares: Map<string, number>;
  /** The editor's selected node. */
  selected?: string;
  /** The editor's draft: the service's errors by node, each with its JSON path. */
  errors?: Map<string, string[]>;
}

export type HealthSource = "observed" | "supposed";

/** The health drawn for a node, and where it comes from: what if's supposition wins over the checkers' report. */
export function healthOf(id: string, states: NodeStates, known?: HealthState): { health?: HealthState; source?: HealthSource } {
  const supposed = states.health.get(id);
  if (supposed) return { health: supposed, source: "supposed" };
  const observed = states.observed.get(id) ?? known;
  return observed ? { health: observed, source: "observed" } : {};
}

const padding = 12;
const minimumScale = 0.6;
const lineHeight = 16;

export function renderDiagram(nodes: DiagramNode[], states: NodeStates, mode: LayoutMode, availableWidth: number, title: string): SVGSVGElement {
  const laid = layout(nodes, mode, availableWidth - 2 * padding);
  const width = laid.width + 2 * padding;
  const height = laid.height + 2 * padding;
  // A tree a little wider than the screen is drawn smaller to fit; a much wider one keeps readable text and scrolls.
  const scale = mode === "tree" && width > availableWidth ? Math.max(minimumScale, availableWidth / width) : 1;
  const svg = s("svg", {
    class: `diagram diagram-${mode}`,
    viewBox: `0 0 ${width} ${height}`,
    width: Math.floor(width * scale),
    height: Math.floor(height * scale),
    role: "img",
    "aria-labelledby": "diagram-title",
    "data-layout": mode,
  });
  svg.append(s("title", { id: "diagram-title" }, title));
  const canvas = s("g", { transform: `translate(${padding} ${padding})` });
  canvas.append(connectors(laid), ...laid.nodes.map((placed) => node(placed, states)));
  svg.append(canvas);
  return svg;
}

function connectors(laid: Layout): SVGGElement {
  const group = s("g", { class: "connectors", "aria-hidden": "true" });
  for (const { from, to, label } of laid.connectors) {
    if (laid.mode === "tree") {
      const x1 = from.x + from.width / 2;
      const y1 = from.y + from.height;
      const x2 = to.x + to.width / 2;
      const y2 = to.y;
      const middle = (y1 + y2) / 2;
      group.append(s("path", { class: "connector", d: `M${x1} ${y1} C${x1} ${middle} ${x2} ${middle} ${x2} ${y2}` }));
      if (label) group.append(s("text", { class: "edge-label", x: x2, y: y2 - 8, "text-anchor": "middle" }, label));
    } else {
      const x1 = from.x + 10;
      const y1 = from.y + from.height;
      const y2 = to.y + to.height / 2;
      group.append(s("path", { class: "connector", d: `M${x1} ${y1} V${y2} H${to.x}` }));
    }
  }
  return group;
}

function node(placed: Placed, states: NodeStates): SVGGElement {
  const { node: data, x, y, width, height } = placed;
  const progress = states.progress.get(data.id) ?? data.progress;
  const { health, source } = healthOf(data.id, states, data.health);
  const observed = states.observed.get(data.id);
  const share = states.shares.get(data.id);
  const classes = ["node", `kind-${data.kind}`];
  const unchanged = !progress && states.unchanged.has(data.id);
  if (progress) classes.push(`progress-${progress.toLowerCase().replace(/_/g, "-")}`);
  if (unchanged) classes.push("unchanged");
  if (data.drift) classes.push(`drift-${data.drift.toLowerCase()}`);
  if (health) classes.push(`health-${health.toLowerCase()}`, `health-${source}`);
  if (share !== undefined) classes.push("answering");
  const errors = states.errors?.get(data.id);
  const selected = states.selected === data.id;
  if (errors?.length) classes.push("invalid");
  if (selected) classes.push("selected");

  const group = s("g", {
    class: classes.join(" "),
    transform: `translate(${x} ${y})`,
    "data-node-id": data.id,
    "data-kind": data.kind,
    "data-progress": progress,
    "data-unchanged": unchanged ? "true" : undefined,
    "data-drift": data.drift,
    "data-health": health,
    "data-health-source": source,
    "data-observed-health": observed,
    "data-share": share === undefined ? undefined : share.toFixed(6),
    "data-selected": selected ? "true" : undefined,
    // In the editor each node is a button: Tab reaches it, Enter or Space selects it.
    tabindex: states.errors ? 0 : undefined,
    role: states.errors ? "button" : undefined,
    "aria-pressed": states.errors ? String(selected) : undefined,
    "aria-label": states.errors ? `${data.id}, ${data.recordKind}${errors?.length ? `, ${errors.length} errors` : ""}` : undefined,
    "data-error": errors?.length ? errors.join("\n") : undefined,
  });
  group.append(s("title", {}, [describe(data, progress, health, share, unchanged, source), ...(errors ?? [])].join("\n")));
  group.append(s("rect", { class: "box", width, height, rx: 8, ry: 8 }));
  if (health) group.append(s("rect", { class: "health-bar", width: 6, height, rx: 3, ry: 3 }));
  if (data.drift) group.append(s("rect", { class: "drift-frame", x: -4, y: -4, width: width + 8, height: height + 8, rx: 11, ry: 11 }));

  const chars = Math.floor((width - 20) / 6.7);
  const lines = [
    { text: data.id, cls: "node-id" },
    { text: data.recordKind, cls: "node-kind" },
    errors?.length
      ? { text: `⚠ ${errors.length === 1 ? errors[0]! : `${errors.length} errors`}`, cls: "node-state node-error" }
      : { text: states.errors ? (selected ? "selected" : "draft") : stateLine(progress, data.drift, health, unchanged, source), cls: "node-state" },
  ];
  lines.forEach((line, index) =>
    group.append(s("text", { class: line.cls, x: 12, y: 20 + index * lineHeight }, clip(line.text, chars))),
  );
  if (placed.height > 70 && data.kind !== "rule") {
    const target = data.values?.join(", ") ?? data.aliasTarget ?? "";
    group.append(s("text", { class: "node-target", x: 12, y: 20 + 3 * lineHeight }, clip(target, chars)));
  }
  if (share !== undefined) {
    const label = `answers ${percent(share)}`;
    const badgeWidth = label.length * 6.6 + 12;
    group.append(
      s("g", { class: "share", transform: `translate(${width - badgeWidth - 6} ${height - 22})` },
        s("rect", { width: badgeWidth, height: 18, rx: 9, ry: 9 }),
        s("text", { x: badgeWidth / 2, y: 13, "text-anchor": "middle" }, label)),
    );
  }
  return group;
}

export function stateLine(
  progress: NodeStatus | undefined, drift: string | undefined, health: HealthState | undefined, unchanged = false, source?: HealthSource,
): string {
  const parts: string[] = [];
  if (progress) parts.push(words(progress));
  else if (unchanged) parts.push("unchanged");
  if (drift) parts.push(`drift: ${words(drift)}`);
  if (health) parts.push(source === "supposed" ? `supposed ${words(health)}` : words(health));
  return parts.length > 0 ? parts.join(" · ") : "not applied";
}

function describe(
  data: DiagramNode, progress: NodeStatus | undefined, health: HealthState | undefined, share: number | undefined, unchanged: boolean,
  source: HealthSource | undefined,
): string {
  const lines = [data.id, data.recordKind, `at ${data.recordName}`, data.detail];
  if (data.childrenAt) lines.push(`its records at ${data.childrenAt}`);
  if (data.values) lines.push(`values ${data.values.join(", ")}`);
  if (data.aliasTarget) lines.push(`alias to ${data.aliasTarget}`);
  lines.push(stateLine(progress, data.drift, health, unchanged, source));
  if (health) lines.push(source === "supposed" ? `${words(health)} as supposed in "what if"` : `${words(health)} as Route 53's checkers observe it`);
  if (share !== undefined) lines.push(`answers ${percent(share)} of queries`);
  return lines.join("\n");
}

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}
